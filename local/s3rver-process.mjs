/**
 * The local S3: s3rver in its own process (started by local/aws-services.ts), with S3's
 * read-after-write guarantee. s3rver 3 answers a PUT once the body has passed its MD5
 * transform, before the file is on disk, so a GET right after can read an empty object (seen
 * on a loaded machine). This store answers once the file is written.
 *
 * Usage: node local/s3rver-process.mjs <directory> <address> <port>
 */
import crypto from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import S3rver from 's3rver';
import FilesystemStore from 's3rver/lib/stores/filesystem.js';

class DurableFilesystemStore extends FilesystemStore {
  async putObject(object) {
    const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(path.dirname(objectPath), { recursive: true });
    const md5 = crypto.createHash('md5');
    let size = 0;
    const content = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
    await pipeline(
      content,
      new Transform({
        transform(chunk, _encoding, done) {
          md5.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      }),
      createWriteStream(objectPath),
    );
    const digest = md5.digest('hex');
    await this.putMetadata(object.bucket, object.key, object.metadata, digest);
    return { size, md5: digest };
  }
}

const [directory, address, port] = process.argv.slice(2);
const server = new S3rver({ directory, address, port: Number(port), silent: true, vhostBuckets: false });
server.store = server.context.store = new DurableFilesystemStore(directory);
server.run().then(
  () => console.log(`s3rver listening on ${address}:${port}`),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
