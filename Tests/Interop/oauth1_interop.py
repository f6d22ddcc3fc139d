"""OAuth 1 interoperability: requests-oauthlib / oauthlib (not written by this project) runs the
three-legged flow against a live Gatehouse provider with every signature method and placement.
Usage: oauth1_interop.py BASE_URL RSA_PRIVATE_KEY_PEM. Exits non-zero on the first failure.

Clients (see InteropTests.swift): `hmac-client`/`hmac-secret`, `rsa-client` (public key of the
PEM), `plain-client`/`plain-secret`; callback https://printer.example.com/ready.
"""
import sys

import requests
from oauthlib.oauth1 import SIGNATURE_HMAC, SIGNATURE_PLAINTEXT, SIGNATURE_RSA
from oauthlib.oauth1 import SIGNATURE_TYPE_AUTH_HEADER, SIGNATURE_TYPE_BODY, SIGNATURE_TYPE_QUERY
from requests_oauthlib import OAuth1, OAuth1Session
from interop_checks import check

BASE = sys.argv[1].rstrip("/")
RSA_KEY = open(sys.argv[2]).read()
CALLBACK = "https://printer.example.com/ready"
CLIENTS = {
    SIGNATURE_HMAC: ("hmac-client", "hmac-secret"),
    SIGNATURE_RSA: ("rsa-client", ""),
    SIGNATURE_PLAINTEXT: ("plain-client", "plain-secret"),
}


def flow(method, placement):
    key, secret = CLIENTS[method]
    extra = {"rsa_key": RSA_KEY} if method == SIGNATURE_RSA else {}
    label = f"{method} in {placement}"
    session = OAuth1Session(key, client_secret=secret or None, callback_uri=CALLBACK, signature_method=method, signature_type=placement, **extra)
    request_token = session.fetch_request_token(BASE + "/oauth1/initiate")
    check(request_token.get("oauth_callback_confirmed") == "true", f"{label}: temporary credentials")
    url = session.authorization_url(BASE + "/oauth1/authorize")
    approved = requests.post(url, data={"confirm": "yes"}, allow_redirects=False)
    check(approved.status_code in (302, 303), f"{label}: approval redirects to the callback")
    session.parse_authorization_response(approved.headers["Location"])
    access = session.fetch_access_token(BASE + "/oauth1/token")
    check("oauth_token" in access and "oauth_token_secret" in access, f"{label}: token credentials")
    # oauthlib will not sign a GET with a body, so the body placement calls with POST.
    call = session.post if placement == SIGNATURE_TYPE_BODY else session.get
    me = call(BASE + "/api/oauth1/me")
    check(me.status_code == 200 and me.json()["id"] == "user-1", f"{label}: protected resource")
    forged = OAuth1(key, client_secret="wrong", resource_owner_key=access["oauth_token"], resource_owner_secret=access["oauth_token_secret"], signature_method=SIGNATURE_HMAC)
    if method == SIGNATURE_HMAC:
        check(requests.get(BASE + "/api/oauth1/me", auth=forged).status_code == 401, f"{label}: bad signature refused")


for method in (SIGNATURE_HMAC, SIGNATURE_RSA, SIGNATURE_PLAINTEXT):
    for placement in (SIGNATURE_TYPE_AUTH_HEADER, SIGNATURE_TYPE_BODY, SIGNATURE_TYPE_QUERY):
        flow(method, placement)
print("oauth1 interop: all checks passed")
