import { JwtRsaVerifier } from 'aws-jwt-verify';

/**
 * Verifies a staff ID token. The same code serves the local gateway (issuer = the
 * local sign-in, JWKS served by it) and, in AWS, the admin UI's cookie check
 * (issuer = the Cognito user pool). API Gateway's Cognito authorizer applies the
 * same rules on the JSON staff routes: RS256 signature from the JWKS, issuer,
 * audience = app client id, token_use = id, not expired.
 */
export interface StaffTokenSettings {
  issuer: string;
  audience: string;
  jwksUri?: string;
  /** Keys known up front (the local sign-in's); otherwise fetched over HTTPS from the JWKS URI. */
  jwks?: { keys: object[] };
}

export type StaffTokenVerifier = (token: string) => Promise<Record<string, unknown>>;

export function createStaffTokenVerifier(settings: StaffTokenSettings): StaffTokenVerifier {
  const verifier = JwtRsaVerifier.create({
    issuer: settings.issuer,
    audience: settings.audience,
    ...(settings.jwksUri ? { jwksUri: settings.jwksUri } : {}),
    customJwtCheck: ({ payload }) => {
      if (payload.token_use !== 'id') throw new Error('Not an ID token');
    },
  });
  if (settings.jwks) verifier.cacheJwks(settings.jwks as Parameters<typeof verifier.cacheJwks>[0]);
  return async (token) => (await verifier.verify(token)) as Record<string, unknown>;
}

export function cognitoIssuer(region: string, userPoolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}
