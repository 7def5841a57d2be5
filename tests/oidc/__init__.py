"""A real OpenID Connect provider on loopback (Node + oidc-provider) and a stand-in browser."""
