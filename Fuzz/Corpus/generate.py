#!/usr/bin/env python3
"""Writes the seed corpora of the Gatehouse fuzz targets (Fuzz/Corpus/<Target>/).

Seeds are small, real inputs: RFC examples, requests the demo app answers, provider answers. The
OAuth 1 seeds carry valid HMAC-SHA1 / PLAINTEXT signatures for the harness's fixture (RFC 5849
§1.2's client and credentials, clock 137131201), so the fuzzer starts past the signature check.

Run from anywhere: `python3 Fuzz/Corpus/generate.py`. It rewrites the generated files (named
`seed-*`) and leaves any other file (crash reproducers added by hand) alone.
"""

import base64
import hashlib
import hmac
import json
import os
import urllib.parse

ROOT = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    folder = os.path.join(ROOT, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, "seed-" + name), "wb") as handle:
        handle.write(data)


def clear(target):
    folder = os.path.join(ROOT, target)
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            if name.startswith("seed-"):
                os.remove(os.path.join(folder, name))


def enc(text):
    """RFC 5849 §3.6 percent-encoding."""
    return urllib.parse.quote(text, safe="-._~")


def doc(fields, headers=(), body=""):
    """The FuzzInput layout: leading lines, header lines, an empty line, the body."""
    lines = list(fields) + ["%s: %s" % pair for pair in headers]
    return "\n".join(lines) + "\n\n" + body


# ---------------------------------------------------------------- OAuth 1

CLIENT_KEY, CLIENT_SECRET = "dpf43f3p2l4k3l03", "kd94hf93k423kf44"


def signed(method, uri, oauth, secret, body=None, realm="Photos", signature_method="HMAC-SHA1", place="header"):
    """An OAuth 1 request signed as RFC 5849 §3.4 says; returns (uri, headers, body)."""
    oauth = dict(oauth)
    oauth.setdefault("oauth_consumer_key", CLIENT_KEY)
    oauth["oauth_signature_method"] = signature_method
    parsed = urllib.parse.urlsplit(uri)
    params = urllib.parse.parse_qsl(parsed.query, keep_blank_values=True)
    params += list(oauth.items())
    if body:
        params += urllib.parse.parse_qsl(body, keep_blank_values=True)
    normalized = "&".join("%s=%s" % pair for pair in sorted((enc(k), enc(v)) for k, v in params))
    base_uri = "%s://%s%s" % (parsed.scheme.lower(), parsed.netloc.lower(), parsed.path or "/")
    base = "&".join([method.upper(), enc(base_uri), enc(normalized)])
    key = "%s&%s" % (enc(CLIENT_SECRET), enc(secret))
    if signature_method == "PLAINTEXT":
        oauth["oauth_signature"] = key
    else:
        oauth["oauth_signature"] = base64.b64encode(hmac.new(key.encode(), base.encode(), hashlib.sha1).digest()).decode()
    headers = []
    if place == "header":
        parts = (['realm="%s"' % realm] if realm else []) + ['%s="%s"' % (enc(k), enc(v)) for k, v in oauth.items()]
        headers.append(("Authorization", "OAuth " + ", ".join(parts)))
    elif place == "body":
        body = (body + "&" if body else "") + urllib.parse.urlencode(oauth)
    else:
        uri += ("&" if "?" in uri else "?") + urllib.parse.urlencode(oauth)
    if body:
        headers.append(("Content-Type", "application/x-www-form-urlencoded"))
    return uri, headers, body or ""


def oauth1():
    target = "FuzzOAuth1"
    clear(target)
    cb = "http://printer.example.com/ready"
    initiate = {"oauth_timestamp": "137131200", "oauth_nonce": "wIjqoS", "oauth_callback": cb}
    uri, headers, body = signed("POST", "https://photos.example.net/initiate", initiate, "")
    write(target, "initiate-hmac", doc(["initiate", "POST", uri], headers, body))
    uri, headers, body = signed("POST", "https://photos.example.net/initiate", {"oauth_callback": "oob"}, "", signature_method="PLAINTEXT")
    write(target, "initiate-plaintext-oob", doc(["initiate", "POST", uri], headers, body))
    uri, headers, body = signed("POST", "https://photos.example.net/initiate", initiate, "", place="body", body="extra=1")
    write(target, "initiate-body", doc(["initiate", "POST", uri], headers, body))

    write(target, "authorize", doc(["authorize", "GET", "https://photos.example.net/authorize?oauth_token=hh5s93j4hdidpola"]))
    write(target, "grant", doc(["grant", "POST", "https://photos.example.net/authorize"],
                               [("Content-Type", "application/x-www-form-urlencoded")], "oauth_token=hh5s93j4hdidpola"))

    token = {"oauth_token": "hh5s93j4hdidpola", "oauth_timestamp": "137131201", "oauth_nonce": "walatlh", "oauth_verifier": "hfdp7dh39dks9884"}
    uri, headers, body = signed("POST", "https://photos.example.net/token", token, "hdhd0244k9j7ao03")
    write(target, "token-hmac", doc(["token", "POST", uri], headers, body))

    resource = {"oauth_token": "nnch734d00sl2jdk", "oauth_timestamp": "137131202", "oauth_nonce": "chapoH", "oauth_version": "1.0"}
    uri, headers, body = signed("GET", "http://photos.example.net/photos?file=vacation.jpg&size=original", resource, "pfkkdhi9sl3r4s00")
    write(target, "resource-header", doc(["resource", "GET", uri], headers, body))
    uri, headers, body = signed("POST", "http://photos.example.net:8080/photos?file=vacation.jpg", resource, "pfkkdhi9sl3r4s00",
                                place="body", body="size=original&tags=a+b%20c")
    write(target, "resource-body", doc(["resource", "POST", uri], headers, body))
    uri, headers, body = signed("GET", "http://photos.example.net/photos?file=vacation.jpg", resource, "pfkkdhi9sl3r4s00", place="query")
    write(target, "resource-query", doc(["resource", "GET", uri], headers, body))

    # RFC 5849 §3.4.1.1's base string example: encoded names, empty values, repeated names.
    rfc_header = ('OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", oauth_token="kkk9d7dh3k39sjv7", '
                  'oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", oauth_nonce="7d8f3e4a", '
                  'oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D"')
    write(target, "rfc-3-4-1", doc(["parse", "POST", "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"],
                                   [("Authorization", rfc_header), ("Content-Type", "application/x-www-form-urlencoded")],
                                   "c2&a3=2+q"))
    write(target, "header-escapes", doc(["parse", "GET", "HTTP://Example.COM:80/r%20v/X?id=123#frag"],
                                        [("Authorization", 'oauth  realm="a \\"quoted\\" \\\\ realm",oauth_nonce=unquoted ,\toauth_token="x%2By"')]))
    write(target, "ipv6-userinfo", doc(["resource", "GET", "https://user:pw@[::1]:8443/path?x=1"],
                                       [("Authorization", 'OAuth oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk"')]))
    write(target, "duplicate", doc(["initiate", "POST", "https://photos.example.net/initiate?oauth_nonce=a"],
                                   [("Authorization", 'OAuth oauth_nonce="a", oauth_nonce="b"')]))
    write(target, "foreign-scheme", doc(["resource", "GET", "https://photos.example.net/photos"], [("Authorization", "Bearer abc")]))


# ---------------------------------------------------------------- OAuth 2 server

def basic(user, password):
    raw = "%s:%s" % (urllib.parse.quote(user, safe=""), urllib.parse.quote(password, safe=""))
    return "Basic " + base64.b64encode(raw.encode()).decode()


FORM = ("Content-Type", "application/x-www-form-urlencoded")
CONFIDENTIAL = ("Authorization", basic("confidential", "s3cret"))
VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def oauth2():
    target = "FuzzOAuth2Server"
    clear(target)
    token = "https://server.example/oauth/token"
    authorize = "https://server.example/oauth/authorize"
    write(target, "token-code", doc(["token", "POST", token], [FORM, CONFIDENTIAL],
                                    "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=https%3A%2F%2Fclient.example%2Fcallback"))
    write(target, "token-code-pkce", doc(["token", "POST", token], [FORM],
                                         "grant_type=authorization_code&client_id=public&code=pkce-code-0123456789"
                                         "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&code_verifier=" + VERIFIER))
    write(target, "token-password", doc(["token", "POST", token], [FORM, CONFIDENTIAL],
                                        "grant_type=password&username=alice&password=wonderland&scope=profile"))
    write(target, "token-client-credentials-post", doc(["token", "POST", token], [FORM],
                                                       "grant_type=client_credentials&client_id=post-client&client_secret=p0st-secret&scope=email"))
    write(target, "token-refresh", doc(["token", "POST", token], [FORM, CONFIDENTIAL],
                                       "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&scope=profile"))
    write(target, "token-bad", doc(["token", "POST", token], [FORM], "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&grant_type=x"))
    query = urllib.parse.urlencode({"response_type": "code", "client_id": "confidential", "redirect_uri": "https://client.example/callback",
                                    "scope": "profile email", "state": "xyz", "nonce": "n-0S6_WzA2Mj"})
    write(target, "authorize-code", doc(["authorize", "GET", authorize + "?" + query]))
    write(target, "consent-code", doc(["consent", "GET", authorize + "?" + query]))
    write(target, "deny-code", doc(["deny", "POST", authorize], [FORM], query))
    query = urllib.parse.urlencode({"response_type": "code", "client_id": "public", "redirect_uri": "http://127.0.0.1:51004/callback",
                                    "state": "af0ifjsldkj", "code_challenge": CHALLENGE, "code_challenge_method": "S256"})
    write(target, "authorize-pkce-loopback", doc(["authorize", "GET", authorize + "?" + query]))
    query = urllib.parse.urlencode({"response_type": "token", "client_id": "confidential", "state": "xyz", "scope": "profile"})
    write(target, "authorize-implicit", doc(["authorize", "GET", authorize + "?" + query]))
    write(target, "authorize-unregistered", doc(["authorize", "GET", authorize + "?response_type=code&client_id=confidential"
                                                 "&redirect_uri=https%3A%2F%2Fevil.example%2F&state=%0D%0ASet-Cookie%3A%20x"]))
    write(target, "revoke", doc(["revoke", "POST", "https://server.example/oauth/revoke"], [FORM, CONFIDENTIAL],
                                "token=2YotnFZFEjr1zCsicMWpAA&token_type_hint=access_token"))
    write(target, "introspect", doc(["introspect", "POST", "https://server.example/oauth/introspect"], [FORM, CONFIDENTIAL],
                                    "token=tGzv3JOkF0XG5Qx2TlKWIA&token_type_hint=refresh_token"))
    write(target, "resource-header", doc(["resource", "GET", "https://api.example/me"], [("Authorization", "Bearer 2YotnFZFEjr1zCsicMWpAA")]))
    write(target, "resource-query", doc(["resource", "GET", "https://api.example/me?access_token=2YotnFZFEjr1zCsicMWpAA"]))
    write(target, "resource-form", doc(["resource", "POST", "https://api.example/me"], [FORM], "access_token=2YotnFZFEjr1zCsicMWpAA"))


# ---------------------------------------------------------------- client authentication

def client_auth():
    target = "FuzzClientAuth"
    clear(target)
    write(target, "basic", doc([basic("confidential", "s3cret")]))
    write(target, "basic-with-form-id", doc([basic("confidential", "s3cret")], [], "client_id=confidential&grant_type=client_credentials"))
    write(target, "basic-encoded", doc([basic("a:b c", "p%w+d&=")]))
    write(target, "basic-lowercase-scheme", doc(["basic  " + base64.b64encode(b"post-client:p0st-secret").decode() + "  "]))
    write(target, "basic-invalid", doc(["Basic not*base64"]))
    write(target, "basic-no-colon", doc(["Basic " + base64.b64encode(b"confidential").decode()]))
    write(target, "post", doc([""], [], "client_id=post-client&client_secret=p0st-secret"))
    write(target, "none", doc([""], [], "client_id=public"))
    write(target, "both", doc([basic("confidential", "s3cret")], [], "client_id=confidential&client_secret=s3cret"))
    write(target, "bearer", doc(["Bearer 2YotnFZFEjr1zCsicMWpAA"]))
    write(target, "json-body", doc([""], [("Content-Type", "application/json")], '{"client_id":"public"}'))


# ---------------------------------------------------------------- HTTP requests

SESSION_SECRET = b"fuzz-session-secret-fuzz-session-secret-"


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def session_cookie(values):
    payload = b64url(json.dumps({"values": values, "expires": 4000000000}).encode())
    mac = hmac.new(SESSION_SECRET, payload.encode(), hashlib.sha256).digest()
    return payload + "." + b64url(mac)


def http_request(method, target, headers=(), body=b"", version="HTTP/1.1"):
    if isinstance(body, str):
        body = body.encode()
    head = ["%s %s %s" % (method, target, version)] + ["%s: %s" % pair for pair in headers]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def http():
    target = "FuzzHTTPRequest"
    clear(target)
    host = ("Host", "app.example")
    write(target, "get-root", http_request("GET", "/", [host]))
    write(target, "echo-query-cookies", http_request("GET", "/echo?a=1&b=%20x&c=+y&a=2&empty=&flag", [
        host, ("Cookie", 'theme=dark; sid="quoted"; empty=; theme=light'), ("Cookie", "second=1"), ("Accept", "*/*")]))
    write(target, "echo-proxy", http_request("GET", "/ech%6F/?x=%E2%9C%93", [
        host, ("X-Forwarded-For", "203.0.113.7, 127.0.0.1"), ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "public.example")]))
    write(target, "echo-forwarded", http_request("DELETE", "/echo", [host, ("Forwarded", 'for=192.0.2.60;proto=https;host="a.example", for=10.0.0.1')]))
    form = "grant_type=authorization_code&code=abc%2Bdef&redirect_uri=https%3A%2F%2Fclient.example%2Fcb&x=a+b"
    write(target, "post-form", http_request("POST", "/form", [host, ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                                                             ("Content-Length", str(len(form)))], form))
    body = '{"access_token":"abc","expires_in":3600,"nested":{"a":[1,2.5,true,null,"x"]},"u":"\\u00e9"}'
    write(target, "post-json", http_request("POST", "/json", [host, ("Content-Type", "application/json"), ("Content-Length", str(len(body)))], body))
    write(target, "post-text-chunked", http_request("POST", "/text", [host, ("Transfer-Encoding", "chunked")], "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"))
    write(target, "route-parameters", http_request("GET", "/users/42/items/%2F7", [host]))
    write(target, "route-tail", http_request("GET", "/files/a//b/../c.txt", [host]))
    write(target, "big-gzip", http_request("GET", "/big", [host, ("Accept-Encoding", "gzip, deflate;q=0.5")]))
    write(target, "head-big", http_request("HEAD", "/big", [host]))
    write(target, "session-set", http_request("GET", "/session?set=value%201", [host]))
    write(target, "session-cookie", http_request("POST", "/session?clear=1", [
        host, ("Cookie", "gatehouse_session=" + session_cookie({"value": "x"})), ("Content-Length", "0")]))
    write(target, "session-bad-cookie", http_request("GET", "/session", [host, ("Cookie", "gatehouse_session=e30.bad-mac_")]))
    body = "grant_type=client_credentials&scope=a%20b"
    write(target, "oauth2-basic", http_request("POST", "/oauth2?x=1", [
        host, ("Authorization", basic("client", "secret")), ("Content-Type", "application/x-www-form-urlencoded"),
        ("Content-Length", str(len(body)))], body))
    write(target, "oauth2-bearer", http_request("GET", "/oauth2?access_token=q", [host, ("Authorization", "Bearer  mF_9.B5f-4.1JqM ")]))
    uri, headers, _ = signed("GET", "http://app.example/oauth1?file=vacation.jpg",
                             {"oauth_token": "nnch734d00sl2jdk", "oauth_timestamp": "137131202", "oauth_nonce": "chapoH"}, "pfkkdhi9sl3r4s00")
    write(target, "oauth1-header", http_request("GET", "/oauth1?file=vacation.jpg", [host] + headers))
    pipelined = http_request("GET", "/echo?n=1", [host]) + http_request("POST", "/form", [
        host, ("Content-Type", "application/x-www-form-urlencoded"), ("Content-Length", "3")], "a=b") + http_request("GET", "/", [host, ("Connection", "close")])
    write(target, "pipelined", pipelined)
    write(target, "http10-keepalive", http_request("GET", "/", [("Connection", "keep-alive")], version="HTTP/1.0"))
    write(target, "too-large", http_request("POST", "/form", [host, ("Content-Length", "4096")], "a=" + "x" * 100))
    write(target, "smuggling-cl-te", http_request("POST", "/text", [host, ("Content-Length", "6"), ("Transfer-Encoding", "chunked")],
                                                  "0\r\n\r\nGET /echo HTTP/1.1\r\nHost: x\r\n\r\n"))
    write(target, "bad-percent", http_request("GET", "/echo%zz?q=%G1", [host]))
    write(target, "not-found-method", http_request("PUT", "/", [host, ("Content-Length", "0")]))
    write(target, "bad-request-line", b"GET /\x00 HTTP/1.1\r\nHost: a\r\n\r\n")


# ---------------------------------------------------------------- client side

def client():
    target = "FuzzTokenResponse"
    clear(target)
    jsonct = ("Content-Type", "application/json;charset=UTF-8")
    write(target, "token-rfc6749", doc(["token", "200"], [jsonct, ("Cache-Control", "no-store")], json.dumps({
        "access_token": "2YotnFZFEjr1zCsicMWpAA", "token_type": "example", "expires_in": 3600,
        "refresh_token": "tGzv3JOkF0XG5Qx2TlKWIA", "example_parameter": "example_value"})))
    write(target, "token-oidc", doc(["token", "200"], [jsonct], json.dumps({
        "access_token": "SlAV32hkKG", "token_type": "Bearer", "expires_in": "3600.5", "expires_at": 1700000000,
        "scope": "openid profile", "id_token": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", "extra": {"n": [1, 2.5, None, True]}})))
    write(target, "token-form", doc(["token", "200"], [("Content-Type", "application/x-www-form-urlencoded")],
                                    "access_token=e72e16c7e42f292c6912e7710c838347ae178b4a&scope=repo%2Cgist&token_type=bearer"))
    write(target, "token-error", doc(["token", "400"], [jsonct], '{"error":"invalid_grant","error_description":"bad code","error_uri":"https://e.example/e"}'))
    write(target, "token-500-text", doc(["token", "503"], [("Content-Type", "text/html")], "<html>down</html>"))
    write(target, "oauth1-credentials", doc(["oauth1", "200"], [("Content-Type", "application/x-www-form-urlencoded")],
                                            "oauth_token=hh5s93j4hdidpola&oauth_token_secret=hdhd0244k9j7ao03&oauth_callback_confirmed=true"))
    write(target, "oauth1-json-error", doc(["oauth1", "401"], [jsonct], '{"error":"invalid_signature"}'))
    write(target, "metadata", doc(["metadata", "200"], [jsonct], json.dumps({
        "issuer": "https://server.example.com", "authorization_endpoint": "https://server.example.com/authorize",
        "token_endpoint": "https://server.example.com/token", "token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"],
        "code_challenge_methods_supported": ["S256"], "authorization_response_iss_parameter_supported": True,
        "response_types_supported": ["code"], "scopes_supported": ["openid", "profile"]})))
    write(target, "callback2", doc(["callback2", "200"], [("Issuer", "https://server.example.com")],
                                   "https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz&iss=https%3A%2F%2Fserver.example.com"))
    write(target, "callback2-fragment", doc(["callback2", "200"], [], "/cb#code=abc&state=xyz"))
    write(target, "callback2-error", doc(["callback2", "200"], [], "error=access_denied&error_description=no&state=xyz"))
    write(target, "callback1", doc(["callback1", "200"], [], "http://printer.example.com/ready?oauth_token=hh5s93j4hdidpola&oauth_verifier=hfdp7dh39dks9884"))


if __name__ == "__main__":
    oauth1()
    oauth2()
    client_auth()
    http()
    client()
