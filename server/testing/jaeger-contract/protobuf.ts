import 'server-only';

/**
 * Just enough protobuf wire format for the gRPC contract server, written from the encoding spec and
 * the api_v2 wire table rather than from the adapter's .proto, so a wrong field number or type there
 * fails the tests instead of agreeing with itself.
 */
export type Field = { no: number; varint: bigint } | { no: number; bytes: Buffer };

function readVarint(buf: Buffer, at: number): [bigint, number] {
  let v = 0n;
  for (let shift = 0n, i = at; i < buf.length; i++, shift += 7n) {
    v |= BigInt(buf[i]! & 0x7f) << shift;
    if ((buf[i]! & 0x80) === 0) return [v, i + 1];
  }
  throw new Error('truncated varint');
}

/** The fields of one message, in wire order; only varint (0) and length-delimited (2) wire types occur here. */
export function decodeFields(buf: Buffer): Field[] {
  const out: Field[] = [];
  for (let at = 0; at < buf.length; ) {
    const [key, next] = readVarint(buf, at);
    const no = Number(key >> 3n);
    const type = Number(key & 7n);
    if (type === 0) {
      const [varint, end] = readVarint(buf, next);
      out.push({ no, varint });
      at = end;
    } else if (type === 2) {
      const [len, start] = readVarint(buf, next);
      const end = start + Number(len);
      if (end > buf.length) throw new Error('truncated field');
      out.push({ no, bytes: buf.subarray(start, end) });
      at = end;
    } else throw new Error(`unexpected wire type ${type}`);
  }
  return out;
}

function varint(v: bigint): Buffer {
  const bytes: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    bytes.push(b);
  } while (v > 0n);
  return Buffer.from(bytes);
}

export const encodeVarintField = (no: number, v: bigint) => Buffer.concat([varint(BigInt(no << 3)), varint(v)]);
export const encodeBytesField = (no: number, b: Buffer) => Buffer.concat([varint(BigInt((no << 3) | 2)), varint(BigInt(b.length)), b]);
export const encodeStringField = (no: number, s: string) => encodeBytesField(no, Buffer.from(s, 'utf8'));
