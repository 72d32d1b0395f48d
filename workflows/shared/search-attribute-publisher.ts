/** Keeps a workflow's search attributes in step with its state. */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { upsertSearchAttributes } from '@temporalio/workflow';

/**
 * A publisher of the attributes a snapshot gives. With `onChangeOnly` an unchanged snapshot writes
 * nothing; without it every call writes, as episodes recorded before the shared publisher did
 * (their histories hold one upsert per call).
 */
export function searchAttributePublisher<S>(attributesOf: (snapshot: S) => SearchAttributeUpdatePair[], { onChangeOnly }: { readonly onChangeOnly: boolean }): (snapshot: S) => void {
  let published: string | undefined;
  return (snapshot) => {
    if (onChangeOnly) {
      const key = JSON.stringify(snapshot);
      if (key === published) return;
      published = key;
    }
    upsertSearchAttributes(attributesOf(snapshot));
  };
}
