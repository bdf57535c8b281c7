import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// The service's Prometheus metrics, one registry per application (tests start several in one
// process). Everything on the request path is prepared ahead: each route keeps its own
// histogram children by status code, so serving a request costs a Map lookup and an observe.

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Observer = (seconds: number) => void;

export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'cg_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly mailSent = new Counter({
    name: 'cg_mail_sent_total',
    help: 'Messages the mail server accepted',
    registers: [this.registry],
  });

  readonly mailFailed = new Counter({
    name: 'cg_mail_failed_total',
    help: 'Failed sending attempts; permanent="true" when the message was given up',
    labelNames: ['permanent'] as const,
    registers: [this.registry],
  });

  readonly sweepDuration = new Histogram({
    name: 'cg_reminder_sweep_duration_seconds',
    help: 'Duration of reminder sweeps (queueing what is due)',
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly sweepLastSuccess = new Gauge({
    name: 'cg_reminder_sweep_last_success_timestamp_seconds',
    help: 'When the last reminder sweep finished without error (Unix time, by the machine clock)',
    registers: [this.registry],
  });

  readonly transactionDuration = new Histogram({
    name: 'cg_db_transaction_duration_seconds',
    help: 'Time in database write transactions, from begin to commit (on SQLite one group commit)',
    buckets: SECONDS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Gauges read when scraped: `read` answers the current value. */
  gaugeOnScrape(name: string, help: string, read: () => Promise<number>): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  /** Measures every route of this Fastify instance; call before routes are registered. */
  instrument(fastify: FastifyInstance): void {
    const histogram = this.httpDuration;
    fastify.addHook('onRoute', (route: RouteOptions) => {
      const method = Array.isArray(route.method) ? route.method.join(',') : route.method;
      route.onResponse = [...asArray(route.onResponse), byStatus(histogram, method, route.url)];
    });
    // Requests that match no route are measured under one label, so scanners cannot grow the series.
    const unmatched = byStatus(histogram, 'any', '(unmatched)');
    fastify.addHook('onResponse', (request, reply, done) => {
      if (request.is404) unmatched(request, reply, done);
      else done();
    });
  }

  /** A callback for the unit of work: the time of each write transaction. */
  transactionObserver(): Observer {
    const histogram = this.transactionDuration;
    return (seconds) => histogram.observe(seconds);
  }
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function byStatus(histogram: Metrics['httpDuration'], method: string, route: string) {
  const children = new Map<number, { observe(value: number): void }>();
  return (_request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    let child = children.get(reply.statusCode);
    if (!child) {
      child = histogram.labels(method, route, String(reply.statusCode));
      children.set(reply.statusCode, child);
    }
    child.observe(reply.elapsedTime / 1000);
    done();
  };
}
