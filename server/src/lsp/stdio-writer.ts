import { WriteableStreamMessageWriter, type RAL } from 'vscode-languageserver/node';

/**
 * The JSON-RPC writer hands a stream each message in two writes, the header
 * then the body, and waits for the first before the second. Node writes to a
 * pipe synchronously, so that was two system calls, each waking the editor's
 * reader, for every message: ~0.15 ms a message here. This stream answers the
 * header at once and sends it with the body in one write.
 */
class OneWritePerMessage implements RAL.WritableStream {
  private pending: Buffer[] = [];
  private flushLater: NodeJS.Immediate | undefined;

  constructor(private readonly out: NodeJS.WritableStream) {}

  onClose(listener: () => void) { return this.listen('close', listener); }
  onError(listener: (error: Error) => void) { return this.listen('error', listener as (error: unknown) => void); }
  onEnd(listener: () => void) { return this.listen('end', listener); }

  write(data: Uint8Array | string, encoding: RAL.MessageBufferEncoding = 'utf-8'): Promise<void> {
    if (typeof data === 'string') {
      this.pending.push(Buffer.from(data, encoding === 'ascii' ? 'ascii' : 'utf8'));
      // Should a header ever come without a body, it still goes out.
      this.flushLater ??= setImmediate(() => { this.flushLater = undefined; void this.flush(); });
      return Promise.resolve();
    }
    return this.flush(data);
  }

  end(): void {
    void this.flush();
    this.out.end();
  }

  private flush(body?: Uint8Array): Promise<void> {
    if (this.flushLater) { clearImmediate(this.flushLater); this.flushLater = undefined; }
    const parts = body ? [...this.pending, body] : this.pending;
    this.pending = [];
    if (parts.length === 0) return Promise.resolve();
    const chunk = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    return new Promise((resolve, reject) => {
      this.out.write(chunk, (error?: Error | null) => (error ? reject(error) : resolve()));
    });
  }

  private listen(event: string, listener: (error: unknown) => void) {
    this.out.on(event, listener);
    return { dispose: () => { this.out.off(event, listener); } };
  }
}

export function oneWritePerMessageWriter(out: NodeJS.WritableStream): WriteableStreamMessageWriter {
  return new WriteableStreamMessageWriter(new OneWritePerMessage(out));
}
