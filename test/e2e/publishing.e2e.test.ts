/**
 * A dataset owner's whole job over HTTP, against the local platform: register,
 * upload (single PUT and multipart), the personal-data gate, decisions,
 * publish, read rows, a breaking schema change, withdraw and roll back.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../lambdas/adapters/clients/dynamodb';
import { createS3Http } from '../../lambdas/adapters/clients/s3-http';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { localEndpoints, uniquePrefix } from '../support/local-aws';
import { platformClient, signInAll, type CallOptions, type Json } from '../support/platform-client';

let platform: LocalPlatform;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  platform = await startLocalPlatform({
    services: localEndpoints(),
    resourcePrefix: uniquePrefix('pub'),
    seed: false,
  });
  Object.assign(tokens, await signInAll(platform.baseUrl, ['publicworks', 'police', 'itadmin']));
}, 60_000);
afterAll(() => platform?.stop());

const client = platformClient(() => platform.baseUrl, tokens);
/** `key: true` sends the demo API key. */
const call = (method: string, path: string, options: Omit<CallOptions, 'key'> & { key?: boolean } = {}) =>
  client(method, path, { ...options, key: options.key ? platform.demoApiKey : undefined });

const DATASET = 'snow-complaints';
const base = `/v1/staff/datasets/${DATASET}`;

async function waitForIngestion(version: number, datasetBase = base): Promise<Json> {
  for (let i = 0; i < 100; i++) {
    await platform.events.idle();
    const { body } = await call('GET', `${datasetBase}/versions/${version}`, { as: 'publicworks' });
    if (body.state !== 'awaiting-upload' && body.state !== 'ingesting') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`version ${version} was not ingested`);
}

async function uploadVersion(csv: string, extra: Json = {}, datasetBase = base): Promise<number> {
  const created = await call('POST', `${datasetBase}/versions`, {
    as: 'publicworks',
    body: { fileName: 'snow.csv', sizeBytes: Buffer.byteLength(csv), ...extra },
  });
  expect(created.status).toBe(201);
  const { version, upload } = created.body as {
    version: { version: number };
    upload: { method: string; url: string };
  };
  expect(upload.method).toBe('PUT');
  expect((await fetch(upload.url, { method: 'PUT', body: csv })).status).toBe(200);
  return version.version;
}

const WITH_PHONES =
  'complaint_id,resident_name,phone,street,received\r\n' +
  '1,Jane Roe,(203) 555-0147,12 Main Street,2026-01-05\r\n' +
  '2,John Doe,203-555-0199,4 Lake Avenue,2026-01-06\r\n' +
  '3,Ann Poe,,,2026-01-07\r\n';

describe('publishing a dataset', () => {
  it('registers a draft that the public cannot see, once', async () => {
    const body = {
      datasetId: DATASET,
      title: 'Snow removal complaints',
      description: 'Complaints about unplowed streets, by day.',
      keywords: ['snow', 'roads'],
      ownerDepartment: 'public-works',
      contactName: 'Department of Public Works',
      contactEmail: 'dpw@danbury.local',
      license: 'https://creativecommons.org/publicdomain/zero/1.0/',
      updateFrequency: 'R/P1D',
    };
    expect((await call('POST', '/v1/staff/datasets', { as: 'police', body })).status).toBe(403);
    expect(
      (await call('POST', '/v1/staff/datasets', { as: 'publicworks', body: { ...body, keywords: [] } }))
        .status,
    ).toBe(400);
    expect((await call('POST', '/v1/staff/datasets', { body })).status).toBe(401);
    const created = await call('POST', '/v1/staff/datasets', { as: 'publicworks', body });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    expect((await call('POST', '/v1/staff/datasets', { as: 'publicworks', body })).status).toBe(409);
    expect((await call('GET', `/v1/datasets/${DATASET}`)).status).toBe(404);
  });

  it('quarantines a file with personal data until each finding is decided, then publishes it', async () => {
    const version = await uploadVersion(WITH_PHONES, { sortable: ['received'] });
    const report = await waitForIngestion(version);
    expect(report.state).toBe('quarantined');
    expect(report.rowCount).toBe(3);
    const findings = report.findings as { column: string; pattern: string; sampleRows: number[] }[];
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ column: 'phone', pattern: 'phone-number', sampleRows: [1, 2] }),
        expect.objectContaining({ column: 'street', pattern: 'street-address-of-person' }),
      ]),
    );
    expect(JSON.stringify(report)).not.toContain('555-0147'); // the report names rows, never values

    const refused = await call('POST', `${base}/versions/${version}/publish`, { as: 'publicworks' });
    expect(refused.status).toBe(409);
    expect(String((refused.body.error as Json).message)).toMatch(/phone/);
    expect((await call('GET', `/v1/datasets/${DATASET}/rows`, { key: true })).status).toBe(404);

    const decisions = findings.map((f) => ({
      column: f.column,
      pattern: f.pattern,
      reason: 'Published by city policy on complaints (test)',
    }));
    expect(
      (
        await call('POST', `${base}/versions/${version}/personal-data-decisions`, {
          as: 'police',
          body: { decisions },
        })
      ).status,
    ).toBe(403);
    const decided = await call('POST', `${base}/versions/${version}/personal-data-decisions`, {
      as: 'publicworks',
      body: { decisions },
    });
    expect(decided.status).toBe(200);
    expect(decided.body.state).toBe('ready');

    const published = await call('POST', `${base}/versions/${version}/publish`, { as: 'publicworks' });
    expect(published.status).toBe(200);
    expect(published.body.state).toBe('published');

    const rows = await call(
      'GET',
      `/v1/datasets/${DATASET}/rows?order=received%20desc&select=complaint_id,received`,
      { key: true },
    );
    expect(rows.status).toBe(200);
    expect(rows.body.rows).toEqual([
      { complaint_id: 3, received: '2026-01-07' },
      { complaint_id: 2, received: '2026-01-06' },
      { complaint_id: 1, received: '2026-01-05' },
    ]);
    const dictionary = await call('GET', `/v1/datasets/${DATASET}/dictionary`);
    const phone = (dictionary.body.fields as Json[]).find((f) => f.name === 'phone')!;
    expect(phone.clearedInPersonalDataGate).toBe(true);
    const manifest = JSON.parse(
      await createS3Http(platform.s3Endpoint).getObjectText(
        platform.datasetsBucket,
        `datasets/${DATASET}/versions/${version}/manifest.json`,
      ),
    ) as Json;
    expect(manifest).toMatchObject({
      rowCount: 3,
      contentSha256: report.contentSha256,
      createdBy: 'publicworks',
    });
    const catalog = await call('GET', '/data.json');
    expect((catalog.body.dataset as Json[]).map((d) => d.title)).toContain('Snow removal complaints');
  });

  it('takes the owner’s column descriptions into the dictionary and the catalog, checked and audited', async () => {
    const path = `${base}/versions/1/column-descriptions`;
    const words = { field: 'received', description: 'Date the complaint was received (Eastern time).' };
    expect((await call('POST', path, { as: 'police', body: { descriptions: [words] } })).status).toBe(403);
    const unknown = await call('POST', path, {
      as: 'publicworks',
      body: { descriptions: [{ field: 'no_such_column', description: 'Nothing.' }] },
    });
    expect(unknown.status).toBe(400);
    expect((unknown.body.error as Json).message).toContain('no_such_column');

    const described = await call('POST', path, { as: 'publicworks', body: { descriptions: [words] } });
    expect(described.status).toBe(200);
    const dictionary = await call('GET', `/v1/datasets/${DATASET}/dictionary`);
    const received = (dictionary.body.fields as Json[]).find((f) => f.name === 'received')!;
    expect(received.description).toBe(words.description);
    const metadata = await call('GET', `/v1/datasets/${DATASET}`);
    expect((metadata.body.columns as Json[]).find((c) => c.name === 'received')?.description).toBe(
      words.description,
    );
    const trail = await call('GET', `${base}/audit`, { as: 'publicworks' });
    expect(JSON.stringify(trail.body)).toContain('dataset-version.columns-described');
  });

  it('refuses a version that drops a column unless the owner accepts the breaking change', async () => {
    const dropped = 'complaint_id,received\r\n4,2026-01-08\r\n';
    const refused = await waitForIngestion(await uploadVersion(dropped));
    expect(refused.state).toBe('failed');
    expect(refused.schemaChanges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'column-removed', field: 'phone', breaking: true }),
      ]),
    );
    const accepted = await waitForIngestion(await uploadVersion(dropped, { acceptBreakingChange: true }));
    expect(accepted.state).toBe('ready');
    expect(
      (await call('POST', `${base}/versions/${accepted.version}/publish`, { as: 'itadmin' })).status,
    ).toBe(200);
    const current = await call('GET', `/v1/datasets/${DATASET}/rows`, { key: true });
    expect(current.body.version).toBe(accepted.version);
    expect(current.body.totalRows).toBe(1);
    const older = await call('GET', `/v1/datasets/${DATASET}/rows?version=1`, { key: true });
    expect(older.body.totalRows).toBe(3);
    // The new version carried the owner's words forward: the dictionary did not drift.
    const dictionary = await call('GET', `/v1/datasets/${DATASET}/dictionary`);
    expect((dictionary.body.fields as Json[]).find((f) => f.name === 'received')?.description).toBe(
      'Date the complaint was received (Eastern time).',
    );
  });

  it('withdraws the current version at once and rolls back to the previous one, audited', async () => {
    const versions = await call('GET', `/v1/datasets/${DATASET}/versions`);
    const current = versions.body.currentVersion as number;
    const withdrawn = await call('POST', `${base}/versions/${current}/withdraw`, {
      as: 'publicworks',
      body: { reason: 'A resident name was published by mistake' },
    });
    expect(withdrawn.status).toBe(200);
    expect((await call('GET', `/v1/datasets/${DATASET}/rows?version=${current}`, { key: true })).status).toBe(
      404,
    );
    expect((await call('GET', `/v1/datasets/${DATASET}/rows`, { key: true })).body.version).toBe(1);
    const after = await call('GET', `/v1/datasets/${DATASET}/versions`);
    expect(after.body.versions).toEqual(
      expect.arrayContaining([expect.objectContaining({ version: current, state: 'withdrawn', links: {} })]),
    );

    const audit = await call('GET', `${base}/audit`, { as: 'publicworks' });
    const actions = (audit.body.events as Json[]).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'dataset.registered',
        'dataset-version.created',
        'dataset-version.ingested',
        'dataset-version.personal-data-decided',
        'dataset-version.published',
        'dataset-version.withdrawn',
      ]),
    );
    const withdrawal = (audit.body.events as Json[]).find((e) => e.action === 'dataset-version.withdrawn')!;
    expect(withdrawal.actor).toMatchObject({ username: 'publicworks', department: 'public-works' });
  });

  it('takes a large file as a multipart upload', async () => {
    const csv = 'complaint_id,received\r\n10,2026-02-01\r\n11,2026-02-02\r\n';
    const created = await call('POST', `${base}/versions`, {
      as: 'publicworks',
      body: { fileName: 'big.csv', sizeBytes: 101 * 1024 * 1024 },
    });
    const { version, upload } = created.body as {
      version: { version: number };
      upload: { method: string; parts: { partNumber: number; url: string }[] };
    };
    expect(upload.method).toBe('MULTIPART');
    expect(upload.parts).toHaveLength(2);
    const put = await fetch(upload.parts[0]!.url, { method: 'PUT', body: csv });
    expect(put.status).toBe(200);
    const completed = await call('POST', `${base}/versions/${version.version}/upload-complete`, {
      as: 'publicworks',
      body: { parts: [{ partNumber: 1, etag: put.headers.get('etag') }] },
    });
    expect(completed.status).toBe(202);
    expect((await waitForIngestion(version.version)).rowCount).toBe(2);
  });
});

describe('change lists between versions', () => {
  const trees = '/v1/staff/datasets/street-trees';

  it('lists rows added, changed and removed by primary key, page by page', async () => {
    const registered = await call('POST', '/v1/staff/datasets', {
      as: 'publicworks',
      body: {
        datasetId: 'street-trees',
        title: 'Street trees',
        description: 'Trees the city maintains along streets.',
        keywords: ['trees'],
        ownerDepartment: 'public-works',
        contactName: 'Forestry',
        contactEmail: 'forestry@danbury.local',
        license: 'https://creativecommons.org/publicdomain/zero/1.0/',
        updateFrequency: 'R/P1M',
        primaryKey: 'tree_id',
      },
    });
    expect(registered.status).toBe(201);
    const v1 = 'tree_id,species,height_ft\r\n1,Oak,40\r\n2,Maple,25\r\n3,Elm,30\r\n4,Birch,20\r\n';
    const v2 = 'tree_id,height_ft,species\r\n1,40,Oak\r\n2,27,Maple\r\n4,20,Birch\r\n10,5,Dogwood\r\n';
    for (const csv of [v1, v2]) {
      const n = await uploadVersion(csv, {}, trees);
      expect((await waitForIngestion(n, trees)).state).toBe('ready');
      expect((await call('POST', `${trees}/versions/${n}/publish`, { as: 'publicworks' })).status).toBe(200);
    }
    // Column order changed (a reorder is not a change); 2 changed, 3 removed, 10 added (numeric key order).
    const all = await call('GET', '/v1/datasets/street-trees/changes?since=1', { key: true });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ since: 1, version: 2, keyedBy: 'tree_id', nextCursor: null });
    expect(all.body.changes).toEqual([
      { change: 'changed', key: 2, row: { tree_id: 2, height_ft: 27, species: 'Maple' } },
      { change: 'removed', key: 3, row: { tree_id: 3, species: 'Elm', height_ft: 30 } },
      { change: 'added', key: 10, row: { tree_id: 10, height_ft: 5, species: 'Dogwood' } },
    ]);

    const seen: unknown[] = [];
    let path = '/v1/datasets/street-trees/changes?since=1&limit=1';
    for (let i = 0; i < 10 && path; i++) {
      const page = await call('GET', path, { key: true });
      seen.push(...(page.body.changes as unknown[]));
      path = page.body.nextCursor
        ? `/v1/datasets/street-trees/changes?since=1&limit=1&cursor=${page.body.nextCursor}`
        : '';
    }
    expect(seen).toEqual(all.body.changes);
    const wrongCursor = await call(
      'GET',
      `/v1/datasets/street-trees/changes?since=2&cursor=${all.body.nextCursor ?? 'azEuMS4yLjAuMA'}`,
      {
        key: true,
      },
    );
    expect(wrongCursor.status).toBe(400);
  });

  it('lists a department’s datasets in every status for its staff and City IT only', async () => {
    const own = await call('GET', '/v1/staff/datasets', { as: 'publicworks' });
    expect(own.status).toBe(200);
    const ids = (own.body.datasets as Json[]).map((d) => d.datasetId);
    expect(ids).toEqual(expect.arrayContaining(['snow-complaints', 'street-trees']));
    expect((own.body.datasets as Json[]).every((d) => d.ownerDepartment === 'public-works')).toBe(true);
    const paged = await call('GET', '/v1/staff/datasets?limit=1', { as: 'publicworks' });
    expect((paged.body.datasets as Json[]).length).toBe(1);
    const next = await call('GET', `/v1/staff/datasets?limit=1&cursor=${paged.body.nextCursor as string}`, {
      as: 'publicworks',
    });
    expect((next.body.datasets as Json[])[0]!.datasetId).not.toBe(
      (paged.body.datasets as Json[])[0]!.datasetId,
    );
    expect((await call('GET', '/v1/staff/datasets?department=public-works', { as: 'police' })).status).toBe(
      403,
    );
    expect((await call('GET', '/v1/staff/datasets?department=public-works', { as: 'itadmin' })).status).toBe(
      200,
    );
    expect((await call('GET', '/v1/staff/datasets?cursor=%21%21', { as: 'publicworks' })).status).toBe(400);
  });

  it('restarts an ingestion that died, but not one still inside its time limit', async () => {
    const n = await uploadVersion('tree_id,species,height_ft\r\n7,Elm,30\r\n8,Ash,25\r\n', {}, trees);
    await waitForIngestion(n, trees);
    // The staff list shows the new upload at once (its owner entry keeps the latest version too).
    const listed = await call('GET', '/v1/staff/datasets', { as: 'publicworks' });
    expect((listed.body.datasets as Json[]).find((d) => d.datasetId === 'street-trees')?.latestVersion).toBe(
      n,
    );
    // What a crashed or timed-out ingestion Lambda leaves behind: "ingesting", long ago.
    const db = createDocumentClient(platform.dynamoDbEndpoint);
    await db.send(
      new UpdateCommand({
        TableName: platform.tableName,
        Key: { pk: 'DATASET#street-trees', sk: `VERSION#${String(n).padStart(6, '0')}` },
        UpdateExpression: 'SET #state = :ingesting, ingestionStartedAt = :at',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':ingesting': 'ingesting',
          ':at': new Date(Date.now() - 3_600_000).toISOString(),
        },
      }),
    );
    db.destroy();
    // The local S3-event stand-in tells a rewrite by its LastModified, which s3rver keeps in whole seconds.
    await new Promise((r) => setTimeout(r, 1100));
    const retried = await call('POST', `${trees}/versions/${n}/retry-ingestion`, { as: 'publicworks' });
    expect(retried.status).toBe(202);
    expect(retried.body.state).toBe('awaiting-upload');
    const report = await waitForIngestion(n, trees);
    expect(report.state).toBe('ready');
    const notStuck = await call('POST', `${trees}/versions/${n}/retry-ingestion`, { as: 'publicworks' });
    expect(notStuck.status).toBe(409);
    expect((await call('POST', `${trees}/versions/${n}/retry-ingestion`, { as: 'police' })).status).toBe(403);
  });

  it('refuses duplicate primary keys at ingestion', async () => {
    const n = await uploadVersion('tree_id,species,height_ft\r\n1,Oak,40\r\n1,Oak,41\r\n', {}, trees);
    const report = await waitForIngestion(n, trees);
    expect(report.state).toBe('failed');
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'duplicate-primary-key', sampleRows: [2] }),
    ]);
  });

  it('matches rows by content when the dataset declares no primary key', async () => {
    const changes = await call('GET', `/v1/datasets/${DATASET}/changes?since=1&version=1`, { key: true });
    expect(changes.status).toBe(200);
    expect(changes.body).toMatchObject({ keyedBy: 'row-content', changes: [], nextCursor: null });
  });
});
