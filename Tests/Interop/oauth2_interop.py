"""OAuth 2 interoperability: requests-oauthlib / oauthlib (not written by this project) against a
live Gatehouse provider. Usage: oauth2_interop.py BASE_URL. Exits non-zero on the first failure.

The provider under test (Tests/OAuthMiddlewareTests/InteropTests.swift) has a confidential client
`confidential` / `s3cret` with redirect URI https://client.example/callback, the user
`alice` / `wonderland`, and approves the consent POST `confirm=yes` for that user.
"""
import os
import sys

import requests
from oauthlib.oauth2 import BackendApplicationClient, LegacyApplicationClient
from requests_oauthlib import OAuth2Session
from interop_checks import check

os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain http on loopback
BASE = sys.argv[1].rstrip("/")
CLIENT_ID, CLIENT_SECRET = "confidential", "s3cret"
REDIRECT_URI = "https://client.example/callback"
TOKEN_URL = BASE + "/oauth/token"


def protected(token):
    return requests.get(BASE + "/api/me", headers={"Authorization": "Bearer " + token["access_token"]})


# Authorization code with PKCE (S256).
session = OAuth2Session(CLIENT_ID, redirect_uri=REDIRECT_URI, scope=["profile"], pkce="S256")
url, state = session.authorization_url(BASE + "/oauth/authorize")
consent = requests.get(url)
check(consent.status_code == 200, "consent page for the code flow")
approved = requests.post(url, data={"confirm": "yes"}, allow_redirects=False)
check(approved.status_code in (302, 303), "approval redirects back to the client")
location = approved.headers["Location"]
check(location.startswith(REDIRECT_URI) and "code=" in location, "redirect carries the code")
token = session.fetch_token(TOKEN_URL, authorization_response=location, client_secret=CLIENT_SECRET)
check("access_token" in token and "refresh_token" in token, "code exchanged with PKCE verifier")
me = session.get(BASE + "/api/me")
check(me.status_code == 200 and me.json()["id"] == "user-1", "protected route with the code-flow token")

# Refresh (rotation: the old refresh token stops working).
refreshed = session.refresh_token(TOKEN_URL, refresh_token=token["refresh_token"], auth=(CLIENT_ID, CLIENT_SECRET))
check(refreshed["access_token"] != token["access_token"], "refresh issues a new access token")
check(protected(refreshed).status_code == 200, "refreshed token works")
stale = requests.post(TOKEN_URL, data={"grant_type": "refresh_token", "refresh_token": token["refresh_token"]}, auth=(CLIENT_ID, CLIENT_SECRET))
check(stale.status_code == 400 and stale.json()["error"] == "invalid_grant", "rotated-out refresh token refused")

# Password grant.
legacy = OAuth2Session(client=LegacyApplicationClient(client_id=CLIENT_ID))
password_token = legacy.fetch_token(TOKEN_URL, username="alice", password="wonderland", client_id=CLIENT_ID, client_secret=CLIENT_SECRET, scope=["profile"])
check(protected(password_token).status_code == 200, "password grant token works")
bad = requests.post(TOKEN_URL, data={"grant_type": "password", "username": "alice", "password": "nope"}, auth=(CLIENT_ID, CLIENT_SECRET))
check(bad.status_code == 400 and bad.json()["error"] == "invalid_grant", "wrong password refused")

# Client credentials.
backend = OAuth2Session(client=BackendApplicationClient(client_id=CLIENT_ID))
client_token = backend.fetch_token(TOKEN_URL, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, scope=["profile"])
check(client_token["token_type"].lower() == "bearer", "client credentials token issued")

# Introspection (RFC 7662) and revocation (RFC 7009).
info = requests.post(BASE + "/oauth/introspect", data={"token": password_token["access_token"]}, auth=(CLIENT_ID, CLIENT_SECRET)).json()
check(info.get("active") is True and info.get("client_id") == CLIENT_ID, "introspection: active token")
revoked = requests.post(BASE + "/oauth/revoke", data={"token": password_token["access_token"], "token_type_hint": "access_token"}, auth=(CLIENT_ID, CLIENT_SECRET))
check(revoked.status_code == 200, "revocation accepted")
check(protected(password_token).status_code == 401, "revoked token refused")
info = requests.post(BASE + "/oauth/introspect", data={"token": password_token["access_token"]}, auth=(CLIENT_ID, CLIENT_SECRET)).json()
check(info == {"active": False}, "introspection: revoked token inactive")

# Errors are RFC-shaped.
missing = requests.get(BASE + "/api/me")
check(missing.status_code == 401 and missing.headers.get("WWW-Authenticate", "").startswith("Bearer"), "missing token: 401 with Bearer challenge")
print("oauth2 interop: all checks passed")
