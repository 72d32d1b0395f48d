/** The payload keys of a scale run: the client in the measuring process and its worker processes seal and open payloads alike. */
export const SCALE_PAYLOAD_KEYS = { currentKeyId: 's1', keys: { s1: Buffer.alloc(32, 5) } };
