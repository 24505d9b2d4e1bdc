// multipart/form-data, as jsforce's deployRest (form-data) and curl send it: enough to pull out named
// parts with their headers. Written here because Node has no server-side multipart parser and the
// project carries none.
export type Part = { name: string; filename?: string; contentType?: string; data: Buffer };

export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return m === null ? undefined : (m[1] ?? m[2]);
}

function headerParam(header: string, param: string): string | undefined {
  const m =
    new RegExp(`${param}="([^"]*)"`, 'i').exec(header) ?? new RegExp(`${param}=([^;\\s]+)`, 'i').exec(header);
  return m?.[1];
}

/** The parts of a body, or undefined when it is not multipart with the given boundary. */
export function parseMultipart(body: Buffer, boundary: string): Part[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) return undefined;
  for (;;) {
    pos += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    else if (body[pos] === 0x0a) pos += 1;
    const next = body.indexOf(delimiter, pos);
    if (next < 0) return undefined;
    let headerEnd = body.indexOf('\r\n\r\n', pos);
    let sep = 4;
    if (headerEnd < 0 || headerEnd > next) {
      headerEnd = body.indexOf('\n\n', pos);
      sep = 2;
    }
    if (headerEnd < 0 || headerEnd > next) return undefined;
    const headers = body.subarray(pos, headerEnd).toString('utf8').split(/\r?\n/);
    let end = next;
    if (body[end - 1] === 0x0a) end--;
    if (body[end - 1] === 0x0d) end--;
    const data = body.subarray(headerEnd + sep, end);
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
    const type = headers.find((h) => /^content-type:/i.test(h));
    const part: Part = { name: headerParam(disposition, 'name') ?? '', data };
    const filename = headerParam(disposition, 'filename');
    if (filename !== undefined) part.filename = filename;
    if (type !== undefined) part.contentType = type.replace(/^content-type:\s*/i, '').trim();
    parts.push(part);
    pos = next;
  }
  return parts;
}
