package io.mockfactory.cli.env;

/** {@code env creds --format}: the credentials JSON, shell exports, or one address per service. */
public enum CredentialFormat {
    JSON,
    ENV,
    URL
}
