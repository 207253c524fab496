/**
 * Requests Node refuses before any handler sees them (a request line and
 * headers over its 16 KiB limit, unparsable HTTP) get the API's error body
 * instead of Node's empty answer; the connection is then closed.
 */
import { maxHeaderSize } from 'node:http';
import type { Duplex } from 'node:stream';

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

export function answerClientErrors(server: { on(event: 'clientError', listener: (err: Error, socket: Duplex) => void): unknown }): void {
  const limit = maxHeaderSize;
  server.on('clientError', (error: Error, socket: Duplex) => {
    const err = error as NodeJS.ErrnoException;
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, code, message] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'request_too_large', `The request line and headers must be at most ${limit} bytes in all; send a shorter query`]
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'request_timeout', 'The request was not received in time']
          : [400, 'bad_request', 'The request is not valid HTTP'];
    const body = JSON.stringify({ error: { code, message } });
    socket.end(
      `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
