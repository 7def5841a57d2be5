"""Secrets at rest: the AES-256-GCM vault and the master key it uses."""
