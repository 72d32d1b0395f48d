/**
 * The failure converter of every client, worker and workflow bundle of this system. A failure's
 * message and stack trace can carry member data (a date of birth in a date error, a value in a
 * database error); with `encodeCommonAttributes` they travel as an encoded payload, which the
 * payload codec seals like any other, so the Temporal server and its history only see
 * "Encoded failure". Clients and workers with the codec decode the message again.
 *
 * Loaded by path (`DataConverter.failureConverterPath`): the workflow sandbox bundles this file,
 * so it imports nothing but the SDK's deterministic common module.
 */
import { DefaultFailureConverter } from '@temporalio/common';

/** The named export the SDK requires of a failure converter module. */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
