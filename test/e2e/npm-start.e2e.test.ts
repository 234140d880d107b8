/**
 * What a newcomer does: `npm start`, use it, Ctrl-C, start again. Runs the real
 * entry point as a child process with its own DynamoDB Local and s3rver.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../local/ports';

const ROOT = path.resolve(__dirname, '../..');

/** `npm start` in its own process group, as a terminal runs it. */
function start(port: number, dataDir: string, env: Record<string, string> = {}) {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOCAL_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output}`)), 60_000);
    child.stdout!.on('data', () => {
      if (output.includes('Press Ctrl-C to stop')) {
        clearTimeout(timer);
        resolve(output);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return { child, ready, output: () => output };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** What Ctrl-C does: SIGINT to every process of the terminal's foreground group. */
function pressCtrlC(child: ChildProcess): void {
  process.kill(-child.pid!, 'SIGINT');
}

function portAcceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'open-records-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves the platform, stops every child on Ctrl-C, and reuses the data on the next start', async () => {
    const port = await freePort();
    const first = start(port, dataDir);
    const banner = await first.ready;
    expect(banner).toContain(`http://127.0.0.1:${port}`);
    expect(banner).toMatch(/Demo API key \(basic usage plan\): \S+/);
    expect(banner).toContain('npm run token -- clerk');
    expect(banner).toMatch(/Seeded sample datasets: .*pothole-repairs/);
    const dynamoPort = Number(/DynamoDB Local\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(banner)![1]);
    const s3Port = Number(/S3 \(s3rver\)\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(banner)![1]);

    const catalog = await fetch(`http://127.0.0.1:${port}/v1/datasets`);
    expect(catalog.status).toBe(200);
    expect(((await catalog.json()) as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(4);

    const firstExit = exited(first.child);
    pressCtrlC(first.child);
    await firstExit;
    expect(first.output()).toContain('stopping the gateway, DynamoDB Local and s3rver');
    expect(await portAcceptsConnections(port)).toBe(false);
    expect(await portAcceptsConnections(dynamoPort)).toBe(false);
    expect(await portAcceptsConnections(s3Port)).toBe(false);

    const second = start(port, dataDir);
    const again = await second.ready;
    expect(again).toContain('Sample datasets already present (persisted).');
    const download = await fetch(`http://127.0.0.1:${port}/v1/datasets/pothole-repairs/download`, {
      headers: { 'x-api-key': /Demo API key \(basic usage plan\): (\S+)/.exec(again)![1]! },
    });
    expect(download.status).toBe(200); // fetch follows the redirect to s3rver
    expect(await download.text()).toMatch(/^request_id,reported_date/);
    const secondExit = exited(second.child);
    pressCtrlC(second.child);
    await secondExit;
    expect(await portAcceptsConnections(port)).toBe(false);
  }, 120_000);

  it('names the missing prerequisite when Java is not installed', async () => {
    // A PATH with node, npm and sh but no java.
    const bin = path.join(dataDir, 'no-java-bin');
    mkdirSync(bin, { recursive: true });
    for (const tool of ['node', 'npm', 'sh']) {
      const found = execFileSync('/bin/sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
      symlinkSync(found, path.join(bin, tool));
    }
    const run = start(await freePort(), dataDir, { PATH: bin });
    await expect(run.ready).rejects.toThrow(/exited with 1/);
    expect(run.output()).toMatch(/Java 17 or newer is required to run DynamoDB Local/);
  }, 30_000);
});
