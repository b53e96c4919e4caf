// Persists events in Postgres and forwards them to the collector over keep-alive HTTP.
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 5 });
const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });

export async function save(event) {
  await pool.query('insert into events (body) values ($1)', [event]);
}

export function forward(event) {
  const request = http.request('http://collector.internal/v1/events', { method: 'POST', agent });
  request.end(JSON.stringify(event));
}
