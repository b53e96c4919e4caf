// Exports spans through a transport that is created once per process.
import https from 'node:https';
import { perProcess } from 'eslint-plugin-fork-safe/runtime';

interface Transport {
  api: { send(body: string): void };
}

export const transport = perProcess((): Transport => {
  const agent = new https.Agent({ keepAlive: true });
  return { api: { send: (body) => https.request('https://collector.internal/v1/spans', { method: 'POST', agent }).end(body) } };
}, { name: 'transport' });

export class SpanExporter {
  private readonly api: Transport['api'];

  constructor(private readonly holder: typeof transport = transport) {
    this.api = this.holder.get().api;
  }

  export(spans: object[]): void {
    this.api.send(JSON.stringify(spans));
  }
}
