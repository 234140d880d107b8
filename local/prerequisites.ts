import { spawnSync } from 'node:child_process';

/** What `npm start` needs on the machine; each failure names the missing piece and how to get it. */
export function checkPrerequisites(): string[] {
  const problems: string[] = [];
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    problems.push(
      `Node.js 20.19 or newer is required (found ${process.versions.node}). Install it from nodejs.org.`,
    );
  }
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    problems.push(
      'Java 17 or newer is required to run DynamoDB Local, and `java` was not found on the PATH. ' +
        'Install it, e.g. `sudo apt-get install openjdk-17-jre-headless` or `brew install openjdk@17`.',
    );
  } else {
    const match = /version "(\d+)(?:\.(\d+))?/.exec(`${java.stderr}${java.stdout}`);
    const javaMajor = match ? Number(match[1] === '1' ? match[2] : match[1]) : 0;
    if (javaMajor < 17) {
      problems.push(
        `Java 17 or newer is required to run DynamoDB Local (found Java ${javaMajor || 'unknown'}).`,
      );
    }
  }
  return problems;
}
