"""requests-oauthlib and oauthlib (not written by this project) against an adapter's example server
(scripts/example): DemoApp's provider API served by Gatehouse on another framework.

Usage: example_interop.py BASE CLIENT_ID CLIENT_SECRET USERNAME PASSWORD \
           OAUTH1_CLIENT_KEY OAUTH1_CLIENT_SECRET OAUTH1_TOKEN OAUTH1_TOKEN_SECRET
The client may use the password, refresh_token and client_credentials grants with scope
"profile notes"; the OAuth 1 token credential belongs to USERNAME. Exits non-zero on the first failure.
"""
import os
import sys

import requests
from oauthlib.oauth2 import BackendApplicationClient, LegacyApplicationClient
from requests_oauthlib import OAuth1, OAuth2Session
from interop_checks import check

os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain http on loopback
BASE, CLIENT_ID, SECRET, USERNAME, PASSWORD, KEY1, SECRET1, TOKEN1, TOKEN_SECRET1 = sys.argv[1:10]
BASE = BASE.rstrip("/")
TOKEN_URL = BASE + "/oauth/token"


def bearer(token):
    return {"Authorization": "Bearer " + token["access_token"]}


metadata = requests.get(BASE + "/.well-known/oauth-authorization-server").json()
check(metadata.get("token_endpoint") == TOKEN_URL, "metadata names the token endpoint")

# Resource owner password credentials (RFC 6749 §4.3), then the API as that user.
session = OAuth2Session(client=LegacyApplicationClient(client_id=CLIENT_ID))
token = session.fetch_token(
    TOKEN_URL, username=USERNAME, password=PASSWORD, client_id=CLIENT_ID, client_secret=SECRET, scope=["profile", "notes"]
)
check("access_token" in token and "refresh_token" in token, "password grant issues access and refresh tokens")
me = session.get(BASE + "/api/me")
check(me.status_code == 200 and me.json().get("username") == USERNAME, "/api/me answers the user")
added = session.post(BASE + "/api/notes", json={"text": "from requests-oauthlib"})
check(added.status_code == 201, "a note is added with scope notes")
notes = session.get(BASE + "/api/notes").json()["notes"]
check(any(note["text"] == "from requests-oauthlib" for note in notes), "the note is listed")
wrong = session.fetch_token(
    TOKEN_URL, username=USERNAME, password=PASSWORD, client_id=CLIENT_ID, client_secret=SECRET, scope=["profile"]
)
check(requests.get(BASE + "/api/notes", headers=bearer(wrong)).status_code == 403, "a token without scope notes gets 403")

# Refresh (RFC 6749 §6), introspection (RFC 7662), revocation (RFC 7009).
refreshed = session.refresh_token(TOKEN_URL, refresh_token=token["refresh_token"], auth=(CLIENT_ID, SECRET))
check(refreshed["access_token"] != token["access_token"], "refresh issues a new access token")
check(requests.get(BASE + "/api/me", headers=bearer(refreshed)).status_code == 200, "the refreshed token works")
introspected = requests.post(BASE + "/oauth/introspect", data={"token": refreshed["access_token"]}, auth=(CLIENT_ID, SECRET))
check(introspected.json().get("active") is True, "introspection says active")
revoked = requests.post(BASE + "/oauth/revoke", data={"token": refreshed["access_token"]}, auth=(CLIENT_ID, SECRET))
check(revoked.status_code == 200, "revocation answers 200")
check(requests.get(BASE + "/api/me", headers=bearer(refreshed)).status_code == 401, "the revoked token is refused")
check(requests.get(BASE + "/api/me").status_code == 401, "no token: 401")

# Client credentials (RFC 6749 §4.4): a token with no user.
backend = OAuth2Session(client=BackendApplicationClient(client_id=CLIENT_ID))
machine = backend.fetch_token(TOKEN_URL, client_id=CLIENT_ID, client_secret=SECRET, scope=["profile"])
check("access_token" in machine, "client credentials grant")
check(backend.get(BASE + "/api/me").status_code == 403, "a token without a user gets 403 at /api/me")
bad_client = requests.post(TOKEN_URL, data={"grant_type": "client_credentials"}, auth=(CLIENT_ID, "wrong"))
check(bad_client.status_code == 401 and bad_client.json().get("error") == "invalid_client", "a wrong secret is invalid_client")

# OAuth 1 (RFC 5849 §3): a signed request, then a wrong signature.
signed = requests.get(
    BASE + "/api/oauth1/me", auth=OAuth1(KEY1, client_secret=SECRET1, resource_owner_key=TOKEN1, resource_owner_secret=TOKEN_SECRET1)
)
check(signed.status_code == 200 and signed.json().get("username") == USERNAME, "an OAuth 1 signed request reaches /api/oauth1/me")
forged = requests.get(
    BASE + "/api/oauth1/me", auth=OAuth1(KEY1, client_secret="wrong", resource_owner_key=TOKEN1, resource_owner_secret=TOKEN_SECRET1)
)
check(forged.status_code == 401, "a wrong OAuth 1 signature is refused")

print("example interop: all checks passed")
