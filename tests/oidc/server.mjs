// A real OpenID Connect provider (panva's oidc-provider) on 127.0.0.1 for WalletDesk's tests.
//
// Usage: node server.mjs SETTINGS.json   (prints "READY <issuer>" once it listens)
// SETTINGS: { native_client_id, web_client_id, web_redirect_uri, jwks: {keys: [private JWK]},
//             accounts: [{sub, email, name}] }
//
// Two clients, the two ways a real provider may treat a loopback redirect URI:
// * native (RFC 8252): any port on http://127.0.0.1/callback; refresh tokens only with
//   offline_access and prompt=consent, as OpenID Connect Core §11 has it;
// * web, Clerk-like: exactly the one registered URI, port included (another gets HTTP 400
//   before any redirect); a refresh token without prompt=consent, as Clerk grants one for
//   the offline_access scope of its OAuth applications.
//
// The browser's login and consent pages are replaced by an interaction handler that logs
// in the account named by the request header X-Test-Login (X-Test-Deny: the user declines).
// /__test/* lets a test inject one fault into the next token or revocation response (or
// leave fields out of the next discovery document) and read which token/revocation
// requests were made.
import fs from 'node:fs';
import http from 'node:http';
import Provider from 'oidc-provider';

const settings = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const accounts = new Map(settings.accounts.map((account) => [account.sub, account]));

const server = http.createServer();
await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: settings.native_client_id,
    application_type: 'native', // RFC 8252: any port on a loopback redirect
    token_endpoint_auth_method: 'none',
    redirect_uris: ['http://127.0.0.1/callback'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  }, {
    client_id: settings.web_client_id,
    application_type: 'web', // the registered URI must match exactly, port included
    token_endpoint_auth_method: 'none',
    redirect_uris: [settings.web_redirect_uri],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  }],
  async issueRefreshToken(ctx, client, code) {
    if (!client.grantTypeAllowed('refresh_token')) return false;
    return code.scopes.has('offline_access') || client.clientId === settings.web_client_id;
  },
  jwks: settings.jwks,
  scopes: ['openid', 'offline_access', 'profile', 'email'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: false }, revocation: { enabled: true } },
  cookies: { keys: ['walletdesk-test-only'] },
  async findAccount(ctx, sub) {
    const account = accounts.get(sub);
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, email: account.email, email_verified: true, name: account.name };
      },
    };
  },
});

const faults = new Map(); // endpoint ("token" | "revocation") -> one-shot fault
let events = [];
const inFlight = { token: 0, revocation: 0 }; // requests received and not yet answered

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

async function control(ctx) {
  if (ctx.path === '/__test/fault' && ctx.method === 'POST') {
    const { endpoint, ...fault } = await readJson(ctx.req);
    faults.set(endpoint, fault);
    ctx.status = 204;
  } else if (ctx.path === '/__test/events') {
    ctx.body = events;
  } else if (ctx.path === '/__test/in-flight') {
    ctx.body = inFlight;
  } else if (ctx.path === '/__test/reset' && ctx.method === 'POST') {
    faults.clear();
    events = [];
    ctx.status = 204;
  } else {
    ctx.status = 404;
  }
}

async function interaction(ctx) {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  ctx.respond = false; // interactionFinished answers the raw response itself
  if (ctx.get('x-test-deny')) {
    await provider.interactionFinished(ctx.req, ctx.res, {
      error: 'access_denied', error_description: 'The user declined to sign in.',
    }, { mergeWithLastSubmission: false });
    return;
  }
  if (details.prompt.name === 'login') {
    const accountId = ctx.get('x-test-login');
    if (!accounts.has(accountId)) throw new Error(`unknown test account ${accountId}`);
    await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId } }, {
      mergeWithLastSubmission: false,
    });
    return;
  }
  const missing = details.prompt.details;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant.save();
  await provider.interactionFinished(ctx.req, ctx.res, { consent: { grantId } }, {
    mergeWithLastSubmission: true,
  });
}

const ENDPOINTS = { '/token': 'token', '/token/revocation': 'revocation' };

provider.use(async (ctx, next) => {
  if (ctx.path.startsWith('/__test/')) return control(ctx);
  if (ctx.path.startsWith('/interaction/')) return interaction(ctx);
  if (ctx.path === '/.well-known/openid-configuration' && faults.has('discovery')) {
    const { without = [] } = faults.get('discovery'); // e.g. Clerk lists no revocation
    faults.delete('discovery');
    await next();
    for (const name of without) delete ctx.body[name];
    return undefined;
  }
  const endpoint = ctx.method === 'POST' ? ENDPOINTS[ctx.path] : undefined;
  if (!endpoint) return next();
  const fault = faults.get(endpoint) || {};
  faults.delete(endpoint);
  inFlight[endpoint] += 1;
  try {
    await answer(ctx, next, endpoint, fault);
  } finally {
    inFlight[endpoint] -= 1;
  }
  return undefined;
});

async function answer(ctx, next, endpoint, fault) {
  if (fault.delay_ms) await new Promise((resolve) => { setTimeout(resolve, fault.delay_ms); });
  if (fault.status) {
    events.push({ endpoint, status: fault.status, injected: true });
    ctx.status = fault.status;
    ctx.body = fault.body ?? '';
    return undefined;
  }
  await next();
  events.push({ endpoint, status: ctx.status, grant_type: ctx.oidc?.params?.grant_type });
  if (fault.id_token && ctx.body && ctx.body.id_token) ctx.body.id_token = fault.id_token;
}

server.on('request', provider.callback());
process.stdout.write(`READY ${issuer}\n`);
process.on('SIGTERM', () => { server.close(); process.exit(0); });
