import type { FastifyInstance } from 'fastify';

/** How long a connection stays open after an early answer, so the client can read it before the close. */
const LINGER_MS = 1000;

/**
 * An answer sent before the request body was read whole (403 before any part, 413 past the cap, a rejected
 * part) stops reading it: left alone, Node reads and discards the rest of the upload to keep the connection
 * alive. The connection closes a moment after the answer rather than at once, as nginx's lingering close does:
 * a socket closed with unread bytes makes the kernel send a reset, and a client still uploading (Node's own
 * among them) then reports a write error instead of the answer.
 */
export function stopReadingAfterEarlyAnswer(app: FastifyInstance): void {
  app.addHook('onSend', async (request) => {
    const raw = request.raw;
    if (raw.complete !== false) return;
    raw.unpipe();
    raw.pause();
    // Marks the body as taken, so Node does not dump (read and discard) it after the response; paused, the
    // stream stops pulling from the socket once its small buffer is full.
    raw.read(0);
  });
  app.addHook('onResponse', async (request) => {
    const raw = request.raw;
    if (raw.complete === false) setTimeout(() => raw.socket?.destroy(), LINGER_MS).unref();
  });
}
