/**
 * `npm run token -- <username>`: prints a staff ID token from the running local
 * platform's sign-in (in AWS, staff sign in through Cognito instead).
 * `npm run -s token -- clerk` prints the token alone, for $(...) in scripts.
 */
import { LOCAL_STAFF_USERS } from '../local/seed/staff-users';

async function main(): Promise<void> {
  const username = process.argv[2];
  const user = LOCAL_STAFF_USERS.find((u) => u.username === username);
  if (!user) {
    console.error(`Usage: npm run token -- <${LOCAL_STAFF_USERS.map((u) => u.username).join('|')}>`);
    process.exit(2);
  }
  const baseUrl = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/local-auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
  } catch {
    console.error(`No local platform answers at ${baseUrl}: run \`npm start\` first (or set API_URL).`);
    process.exit(1);
  }
  const body = (await response.json()) as { idToken?: string; error?: { message: string } };
  if (!response.ok || !body.idToken) {
    console.error(`Sign-in failed: ${body.error?.message ?? response.status}`);
    process.exit(1);
  }
  process.stdout.write(`${body.idToken}\n`);
}

void main();
