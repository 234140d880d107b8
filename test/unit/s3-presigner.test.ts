/**
 * The slim presigner must sign exactly as the AWS SDK's getSignedUrl does: the
 * official client is the oracle (same credentials, region, clock → same URL;
 * checksums off: a download link carries none).
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { S3Presigner } from '../../lambdas/adapters/s3-presigner';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const signingDate = new Date('2026-11-26T12:00:00Z');

function oracleClient(region: string, endpoint?: string) {
  return new S3Client({
    region,
    credentials,
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

async function oracle(client: S3Client, bucket: string, key: string, disposition?: string) {
  return getSignedUrl(
    client,
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ...(disposition ? { ResponseContentDisposition: disposition } : {}),
    }),
    { expiresIn: 300, signingDate },
  );
}

describe('S3Presigner', () => {
  const cases: [string, string, string | undefined][] = [
    ['open-records-prod-datasets', 'datasets/pothole-repairs/versions/1/pothole-repairs.csv', undefined],
    ['open-records-prod-datasets', 'datasets/x/versions/12/file.csv', 'attachment; filename="file.csv"'],
    ['bucket-1', "odd key/with spaces/it's (1)*.csv", 'attachment; filename="a_b.csv"'],
  ];

  it.each(cases)(
    'matches getSignedUrl for AWS virtual-hosted URLs: %s %s',
    async (bucket, key, disposition) => {
      const client = oracleClient('us-east-2');
      const ours = await new S3Presigner({ region: 'us-east-2', credentials }).presignGet({
        bucket,
        key,
        expiresInSeconds: 300,
        signingDate,
        ...(disposition ? { responseContentDisposition: disposition } : {}),
      });
      expect(ours).toBe(await oracle(client, bucket, key, disposition));
    },
  );

  it('matches getSignedUrl for a path-style local endpoint', async () => {
    const endpoint = 'http://127.0.0.1:4568';
    const client = oracleClient('us-east-1', endpoint);
    const ours = await new S3Presigner({ region: 'us-east-1', credentials, endpoint }).presignGet({
      bucket: 'local-datasets',
      key: 'datasets/a/versions/1/a.csv',
      expiresInSeconds: 300,
      signingDate,
      responseContentDisposition: 'attachment; filename="a.csv"',
    });
    expect(ours).toBe(
      await oracle(client, 'local-datasets', 'datasets/a/versions/1/a.csv', 'attachment; filename="a.csv"'),
    );
  });

  it('signs for the requested lifetime', async () => {
    const url = new URL(
      await new S3Presigner({ region: 'us-east-1', credentials }).presignGet({
        bucket: 'b',
        key: 'k',
        expiresInSeconds: 120,
        signingDate,
      }),
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe('120');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20261126T120000Z');
  });
});
