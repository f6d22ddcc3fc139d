"""An OAuth 1 + OAuth 2 provider this project did not write: Flask with Authlib's own server classes,
for the tests of Gatehouse's OAuth clients (Tests/OAuthClientTests/IndependentProviderTests.swift,
Tests/OAuthMiddlewareTests/ClientRegistryIndependentProviderTests.swift).

Usage: authlib_provider.py [--port N] [--rsa-public-key PEM] [--access-token-lifetime SECONDS]
                           [--redirect-uri URI ...]
Prints `READY <base URL>` once listening on 127.0.0.1; exits when its standard input closes.

One user (`alice`) is always logged in and approves every request; `/oauth/deny` and
`/oauth1/deny` are the same pages answering "no". Access tokens of the authorization code and
client credentials grants live `--access-token-lifetime` seconds (refreshed ones an hour), so
tests can let one expire. Refresh tokens rotate; metadata (RFC 8414) is at
/.well-known/oauth-authorization-server and callbacks carry `iss` (RFC 9207).

OAuth 2 clients (redirect URIs https://client.example/callback and /authorize, and each
--redirect-uri, e.g. a DemoApp's http://127.0.0.1:PORT/authorize/NAME):
  `authlib-basic` / SECRET (client_secret_basic), `authlib-post` / `post-secret`
  (client_secret_post), `authlib-public` (none). PKCE is Authlib's CodeChallenge(required=True):
  public clients must use it, and a code issued for a challenge needs its verifier.
OAuth 1 clients: `authlib-hmac` / `hmac-secret` (HMAC-SHA1), `authlib-rsa` (RSA-SHA1, the key
of --rsa-public-key).
"""
import argparse
import hmac
import logging
import os
import sys
import threading
import time

os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain http, loopback only

from authlib.integrations.flask_oauth1 import AuthorizationServer as OAuth1Server
from authlib.integrations.flask_oauth1 import ResourceProtector as OAuth1Protector
from authlib.integrations.flask_oauth1 import create_exists_nonce_func, current_credential
from authlib.integrations.flask_oauth1 import register_nonce_hooks, register_temporary_credential_hooks
from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector, current_token
from authlib.oauth1 import ClientMixin as OAuth1ClientMixin
from authlib.oauth1 import TokenCredentialMixin
from authlib.oauth2 import OAuth2Error, rfc8414, rfc9207
from authlib.oauth2.rfc6749 import ClientMixin, TokenMixin, grants
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge
from flask import Flask, jsonify, request
from werkzeug.serving import make_server

SECRET = "b@sic secret+/=:"  # reserved characters: client_secret_basic must percent-encode them
REDIRECT_URIS = ["https://client.example/callback", "https://client.example/authorize"]
SCOPES = {"profile", "email"}


class User:
    id = "alice"

    def get_user_id(self):
        return self.id


USER = User()


class MemoryCache:
    """The `get`/`set`/`delete`/`has` cache Authlib's OAuth 1 hooks keep credentials and nonces in."""

    def __init__(self):
        self.values = {}

    def get(self, key):
        return self.values.get(key)

    def set(self, key, value, timeout=None):
        self.values[key] = value

    def delete(self, key):
        self.values.pop(key, None)

    def has(self, key):
        return key in self.values


# --- OAuth 2 models -------------------------------------------------------------------------

class Client(ClientMixin):
    def __init__(self, client_id, secret, auth_method):
        self.client_id, self.secret, self.auth_method = client_id, secret, auth_method

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return REDIRECT_URIS[0]

    def get_allowed_scope(self, scope):
        return " ".join(s for s in (scope or "").split() if s in SCOPES)

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri in REDIRECT_URIS

    def check_client_secret(self, client_secret):
        return hmac.compare_digest(self.secret.encode(), client_secret.encode())

    def check_endpoint_auth_method(self, method, endpoint):
        return method == self.auth_method

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type != "client_credentials" or self.auth_method != "none"


class AuthorizationCode:
    def __init__(self, code, client_id, redirect_uri, scope, challenge, method):
        self.code, self.client_id, self.redirect_uri, self.scope = code, client_id, redirect_uri, scope
        self.code_challenge, self.code_challenge_method = challenge, method
        self.expires_at = time.time() + 600

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope


class Token(TokenMixin):
    def __init__(self, client_id, user, **token):
        self.client_id, self.user, self.revoked, self.issued_at = client_id, user, False, time.time()
        self.access_token, self.refresh_token = token["access_token"], token.get("refresh_token")
        self.scope, self.expires_in = token.get("scope", ""), token["expires_in"]

    def check_client(self, client):
        return self.client_id == client.get_client_id()

    def get_scope(self):
        return self.scope

    def get_expires_in(self):
        return self.expires_in

    def is_expired(self):
        return time.time() >= self.issued_at + self.expires_in

    def is_revoked(self):
        return self.revoked

    def get_user(self):
        return self.user

    def get_client(self):
        return CLIENTS[self.client_id]


CLIENTS = {c.client_id: c for c in [
    Client("authlib-basic", SECRET, "client_secret_basic"),
    Client("authlib-post", "post-secret", "client_secret_post"),
    Client("authlib-public", "", "none"),
]}
CODES, TOKENS = {}, []


def find_token(value, kind=None):
    for token in TOKENS:
        if kind != "refresh_token" and token.access_token == value:
            return token
        if kind != "access_token" and token.refresh_token == value:
            return token


def save_token(token, req):
    TOKENS.append(Token(req.client.get_client_id(), req.user, **token))


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

    def save_authorization_code(self, code, req):
        data = req.payload.data
        CODES[code] = AuthorizationCode(code, req.client.get_client_id(), req.payload.redirect_uri, req.scope,
                                        data.get("code_challenge"), data.get("code_challenge_method"))

    def query_authorization_code(self, code, client):
        item = CODES.get(code)
        if item and item.client_id == client.get_client_id() and item.expires_at > time.time():
            return item

    def delete_authorization_code(self, authorization_code):
        CODES.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code):
        return USER


class RefreshTokenGrant(grants.RefreshTokenGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]
    INCLUDE_NEW_REFRESH_TOKEN = True  # rotation: the old refresh token stops working

    def authenticate_refresh_token(self, refresh_token):
        token = find_token(refresh_token, "refresh_token")
        return token if token and not token.revoked else None

    def authenticate_user(self, refresh_token):
        return refresh_token.user

    def revoke_old_credential(self, refresh_token):
        refresh_token.revoked = True


class Revocation(RevocationEndpoint):
    CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

    def query_token(self, token_string, token_type_hint):
        return find_token(token_string, token_type_hint)

    def revoke_token(self, token, req):
        token.revoked = True  # the access token and its refresh token alike


class BearerValidator(BearerTokenValidator):
    def authenticate_token(self, token_string):
        return find_token(token_string, "access_token")


# --- OAuth 1 models -------------------------------------------------------------------------

class OAuth1Client(OAuth1ClientMixin):
    def __init__(self, client_id, secret, rsa_public_key=None):
        self.client_id, self.secret, self.rsa_public_key = client_id, secret, rsa_public_key

    def get_default_redirect_uri(self):
        return REDIRECT_URIS[0]

    def get_client_secret(self):
        return self.secret

    def get_rsa_public_key(self):
        return self.rsa_public_key


class TokenCredential(dict, TokenCredentialMixin):
    def get_oauth_token(self):
        return self["oauth_token"]

    def get_oauth_token_secret(self):
        return self["oauth_token_secret"]


# --- The app --------------------------------------------------------------------------------

def create_app(base, rsa_public_key, lifetime):
    app = Flask(__name__)
    app.config.update(
        OAUTH2_REFRESH_TOKEN_GENERATOR=True,
        OAUTH2_TOKEN_EXPIRES_IN={"authorization_code": lifetime, "client_credentials": lifetime, "refresh_token": 3600},
        OAUTH1_SUPPORTED_SIGNATURE_METHODS=["HMAC-SHA1", "RSA-SHA1"],
    )

    server = AuthorizationServer(app, query_client=CLIENTS.get, save_token=save_token)
    server.register_grant(AuthorizationCodeGrant, [CodeChallenge(required=True)])
    server.register_grant(RefreshTokenGrant)
    server.register_grant(grants.ClientCredentialsGrant)
    server.register_endpoint(Revocation)

    class Issuer(rfc9207.IssuerParameter):
        def get_issuer(self):
            return base

    server.register_extension(Issuer())
    require_oauth = ResourceProtector()
    require_oauth.register_token_validator(BearerValidator())

    metadata = rfc8414.AuthorizationServerMetadata({
        "issuer": base,
        "authorization_endpoint": base + "/oauth/authorize",
        "token_endpoint": base + "/oauth/token",
        "revocation_endpoint": base + "/oauth/revoke",
        "scopes_supported": sorted(SCOPES),
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "revocation_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "code_challenge_methods_supported": ["S256"],
        "authorization_response_iss_parameter_supported": True,
    })
    metadata.validate(metadata_classes=[rfc9207.AuthorizationServerMetadata])

    @app.get("/.well-known/oauth-authorization-server")
    def server_metadata():
        return jsonify(metadata)

    @app.get("/oauth/authorize")
    @app.get("/oauth/deny")
    def authorize():
        try:
            grant = server.get_consent_grant(end_user=USER)
        except OAuth2Error as error:
            return server.handle_error_response(None, error)
        user = None if request.path == "/oauth/deny" else USER
        return server.create_authorization_response(grant_user=user, grant=grant)

    @app.post("/oauth/token")
    def issue_token():
        return server.create_token_response()

    @app.post("/oauth/revoke")
    def revoke_token():
        return server.create_endpoint_response(Revocation.ENDPOINT_NAME)

    @app.get("/api/me")
    @require_oauth("profile")
    def me():
        user = current_token.get_user()
        return jsonify(id=user.id if user else None, client_id=current_token.client_id, scope=current_token.scope)

    oauth1_clients = {c.client_id: c for c in [
        OAuth1Client("authlib-hmac", "hmac-secret"),
        OAuth1Client("authlib-rsa", "", rsa_public_key),
    ]}
    oauth1_tokens = {}
    cache = MemoryCache()

    def create_token_credential(token, temporary_credential):
        credential = TokenCredential(token, client_id=temporary_credential.get_client_id(),
                                     user_id=temporary_credential.get_user_id())
        oauth1_tokens[credential["oauth_token"]] = credential
        return credential

    def query_token(client_id, oauth_token):
        credential = oauth1_tokens.get(oauth_token)
        return credential if credential and credential["client_id"] == client_id else None

    oauth1 = OAuth1Server(app, query_client=oauth1_clients.get)
    register_temporary_credential_hooks(oauth1, cache)
    register_nonce_hooks(oauth1, cache)
    oauth1.register_hook("create_token_credential", create_token_credential)
    require_oauth1 = OAuth1Protector(app, query_client=oauth1_clients.get, query_token=query_token,
                                     exists_nonce=create_exists_nonce_func(cache))

    @app.post("/oauth1/request_token")
    def oauth1_request_token():
        return oauth1.create_temporary_credentials_response()

    @app.get("/oauth1/authorize")
    @app.get("/oauth1/deny")
    def oauth1_authorize():
        user = None if request.path == "/oauth1/deny" else USER
        return oauth1.create_authorization_response(grant_user=user)

    @app.post("/oauth1/access_token")
    def oauth1_access_token():
        return oauth1.create_token_response()

    @app.get("/api/oauth1/me")
    @require_oauth1()
    def oauth1_me():
        return jsonify(id=current_credential["user_id"], client_id=current_credential["client_id"])

    return app


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--rsa-public-key")
    parser.add_argument("--access-token-lifetime", type=int, default=3600)
    parser.add_argument("--redirect-uri", action="append", default=[])
    args = parser.parse_args()
    REDIRECT_URIS.extend(args.redirect_uri)
    rsa_public_key = open(args.rsa_public_key).read() if args.rsa_public_key else None

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log
    app = Flask(__name__)  # a placeholder: the socket is bound first, so the issuer can name the port
    http = make_server("127.0.0.1", args.port, app, threaded=True)
    base = f"http://127.0.0.1:{http.server_port}"
    http.app = create_app(base, rsa_public_key, args.access_token_lifetime)

    # The test runner holds our standard input: when it goes away, so do we.
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    print("READY", base, flush=True)
    http.serve_forever()


if __name__ == "__main__":
    main()
