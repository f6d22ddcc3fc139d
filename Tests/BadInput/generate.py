#!/usr/bin/env python3
"""Writes the bad-input corpus: one raw HTTP request per file, bytes exactly as sent.

Run from anywhere: `python3 Tests/BadInput/generate.py` rewrites `Tests/BadInput/cases/`.
The replayer (Tests/DemoAppTests/BadInputCorpusTests.swift) fills in the `{{PLACEHOLDERS}}`
described in README.md, then sends the bytes over a real TCP socket to a running DemoApp.

File names: `NNN-group-name.http` expects a 4xx; a tag before `.http` names an explicit
exception, each justified in README.md:
  `.redirect`  a 3xx whose Location carries `error=` back to a registered client (RFC 6749
               §4.1.2.1, §4.2.2.1) or stays on this site (a path starting with a single `/`);
  `.ok`        a 2xx the RFCs require (RFC 7009 §2.2, RFC 7662 §2.2) or free text accepted verbatim;
  `.close`     an incomplete message: the replayer half-closes after sending and accepts a 4xx
               or the server closing without a response (RFC 9112 §8).
"""

import base64
import json
import os
import shutil
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cases")

FORM = "application/x-www-form-urlencoded"
REDIRECT = "https://client.example/callback"
OAUTH1_CALLBACK = "https://printer.example.com/ready"
INJECT = "\r\nX-Injected: gatehouse\r\nSet-Cookie: injected=1"

cases = []


def b(value):
    return value if isinstance(value, bytes) else value.encode("utf-8")


def enc(value):
    """Form/query encoding of one value (every reserved byte escaped); `{{PLACEHOLDERS}}` are kept."""
    raw = b(value)
    out = []
    while raw:
        start = raw.find(b"{{")
        end = raw.find(b"}}", start) if start >= 0 else -1
        if start < 0 or end < 0:
            out.append(urllib.parse.quote(raw, safe=""))
            break
        out.append(urllib.parse.quote(raw[:start], safe=""))
        out.append(raw[start : end + 2].decode("ascii"))
        raw = raw[end + 2 :]
    return "".join(out)


def form(pairs):
    """`a=1&b=2` from (name, value) pairs; values are encoded, placeholders kept readable."""
    parts = []
    for name, value in pairs:
        if value is None:
            parts.append(b(name))
            continue
        parts.append(b(name) + b"=" + b(enc(value)))
    return b"&".join(parts)


def request(method, target, headers=(), body=None, *, version="HTTP/1.1", host=True, close=True, length=True, ctype=None):
    """One request: request line, Host, the given header lines, Content-Type/-Length, body."""
    lines = [b(method) + b" " + b(target) + b" " + b(version)]
    if host:
        lines.append(b"Host: {{HOST}}")
    lines += [b(h) for h in headers]
    if ctype:
        lines.append(b"Content-Type: " + b(ctype))
    if body is not None and length:
        lines.append(b"Content-Length: {{CONTENT_LENGTH}}")
    if close:
        lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + (b(body) if body is not None else b"")


def add(group, name, data, expect=None):
    cases.append((group, name, b(data), expect))


SESSION = "Cookie: gatehouse_session={{SESSION_COOKIE}}"
ANON = "Cookie: gatehouse_session={{ANON_SESSION_COOKIE}}"
BASIC = "Authorization: Basic {{BASIC_AUTH}}"
BEARER = "Authorization: Bearer {{ACCESS_TOKEN}}"


def basic(user, password):
    return "Authorization: Basic " + base64.b64encode(b(user) + b":" + b(password)).decode()


def authorize_query(**override):
    params = [
        ("response_type", "code"),
        ("client_id", "{{CLIENT_ID}}"),
        ("redirect_uri", REDIRECT),
        ("scope", "profile"),
        ("state", "s1"),
    ]
    return query(params, override)


def query(params, override):
    out = []
    seen = set()
    for name, value in params:
        if name in override:
            seen.add(name)
            value = override[name]
            if value is None:
                continue
        out.append((name, value))
    for name, value in override.items():
        if name not in seen and value is not None:
            out.append((name, value))
    return form(out)


def oauth1_header(secret2="", **params):
    """`Authorization: OAuth ...` signed with PLAINTEXT (client secret & token secret placeholders)."""
    base = {
        "oauth_consumer_key": "{{OAUTH1_CLIENT_ID}}",
        "oauth_signature_method": "PLAINTEXT",
        "oauth_signature": "{{OAUTH1_CLIENT_SECRET}}%26" + secret2,
        "oauth_timestamp": "{{TIMESTAMP}}",
        "oauth_nonce": "{{NONCE}}",
        "oauth_version": "1.0",
    }
    for name, value in params.items():
        if value is None:
            base.pop(name, None)
        else:
            base[name] = value
    return "Authorization: OAuth " + ", ".join(f'{k}="{v}"' for k, v in base.items())


def oauth1_form(secret2="", **params):
    base = [
        ("oauth_consumer_key", "{{OAUTH1_CLIENT_ID}}"),
        ("oauth_signature_method", "PLAINTEXT"),
        ("oauth_signature", None),
        ("oauth_timestamp", "{{TIMESTAMP}}"),
        ("oauth_nonce", "{{NONCE}}"),
        ("oauth_version", "1.0"),
    ]
    out = []
    for name, value in base:
        if name in params:
            value = params.pop(name)
            if value is None:
                continue
            out.append((name, value))
        elif name == "oauth_signature":
            out.append((name, b"{{OAUTH1_CLIENT_SECRET}}&" + b(secret2)))
        else:
            out.append((name, value))
    out += [(k, v) for k, v in params.items() if v is not None]
    return b"&".join(b(name) + b"=" + b(enc(value)) for name, value in out)


# --------------------------------------------------------------------------------------------
# reqline: malformed request lines (parsed before any route: most targets would 4xx anyway)
# --------------------------------------------------------------------------------------------
g = "reqline"
add(g, "method-only", b"GET\r\nHost: {{HOST}}\r\n\r\n")
add(g, "no-version", b"GET /api/me\r\nHost: {{HOST}}\r\n\r\n")
add(g, "http09-simple-request", b"GET /\r\n\r\n")
add(g, "extra-token", b"GET /api/me HTTP/1.1 extra\r\nHost: {{HOST}}\r\n\r\n")
add(g, "double-space", b"GET  /api/me HTTP/1.1\r\nHost: {{HOST}}\r\n\r\n")
add(g, "tab-separators", b"GET\t/api/me\tHTTP/1.1\r\nHost: {{HOST}}\r\n\r\n")
add(g, "lowercase-method", b"get /api/me HTTP/1.1\r\nHost: {{HOST}}\r\n\r\n")
add(g, "unknown-method", b"FROB /api/me HTTP/1.1\r\nHost: {{HOST}}\r\n\r\n")
add(g, "long-method", b"G" * 8000 + b" /api/me HTTP/1.1\r\nHost: {{HOST}}\r\n\r\n")
add(g, "method-with-slash", b"GE/T /api/me HTTP/1.1\r\nHost: {{HOST}}\r\n\r\n")
add(g, "version-9-9", b"GET /api/me HTTP/9.9\r\nHost: {{HOST}}\r\n\r\n")
add(g, "version-lowercase", b"GET /api/me http/1.1\r\nHost: {{HOST}}\r\n\r\n")
add(g, "version-leading-zero", b"GET /api/me HTTP/01.1\r\nHost: {{HOST}}\r\n\r\n")
add(g, "version-garbage", b"GET /api/me HTTX/1.1\r\nHost: {{HOST}}\r\n\r\n")
add(g, "version-2-0", b"GET /api/me HTTP/2.0\r\nHost: {{HOST}}\r\n\r\n")
add(g, "h2-preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
add(g, "tls-client-hello", bytes.fromhex("16030100a5010000a10303") + b"\x00" * 32 + b"\x00\x02\x13\x01\x01\x00")
add(g, "bare-lf-line-endings", b"GET /api/me HTTP/1.1\nHost: {{HOST}}\n\n")
add(g, "bare-cr-line-endings", b"GET /api/me HTTP/1.1\rHost: {{HOST}}\r\r")
add(g, "leading-empty-lines", b"\r\n\r\nGET /api/me HTTP/1.1\r\nHost: {{HOST}}\r\nConnection: close\r\n\r\n")
add(g, "only-crlfs", b"\r\n\r\n\r\n\r\n", "close")
add(g, "incomplete-head", b"GET /api/me HTTP/1.1\r\nHost: {{HOST}}\r\n", "close")
add(g, "uri-100k", b"GET /api/me?" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: {{HOST}}\r\n\r\n")
add(g, "path-traversal", request("GET", "/../../../../etc/passwd"))
add(g, "path-traversal-encoded", request("GET", "/%2e%2e/%2e%2e/etc/passwd"))
add(g, "absolute-form-foreign-host", request("GET", "http://evil.example/api/me"))
add(g, "asterisk-form-get", request("GET", "*"))
add(g, "options-asterisk", request("OPTIONS", "*"))
add(g, "authority-form-get", request("GET", "evil.example:443"))
add(g, "connect-method", request("CONNECT", "evil.example:443", close=False))
add(g, "connect-then-pipelined", request("CONNECT", "evil.example:443", close=False) + b"GET /api/me HTTP/1.1\r\nHost: {{HOST}}\r\n\r\n")
add(g, "connect-origin-form", request("CONNECT", "/api/me", close=False))
add(g, "target-raw-utf8", request("GET", "/api/caf\u00e9"))
add(g, "target-raw-invalid-utf8", request("GET", b"/api/\xff\xfe"))
add(g, "target-raw-controls", request("GET", b"/api/\x01\x7f"))
add(g, "target-fragment", request("GET", "/api/me#fragment"))
add(g, "target-empty-segments", request("GET", "//api///me"))
add(g, "target-backslashes", request("GET", "/api\\me"))
add(g, "http11-missing-host", request("GET", "/.well-known/oauth-authorization-server", host=False))
add(g, "http11-two-hosts", request("GET", "/.well-known/oauth-authorization-server", ["Host: evil.example"]))
add(g, "http11-empty-host", request("GET", "/.well-known/oauth-authorization-server", ["Host:"], host=False))
add(g, "host-with-space", request("GET", "/.well-known/oauth-authorization-server", ["Host: a b"], host=False))
add(g, "host-with-path", request("GET", "/.well-known/oauth-authorization-server", ["Host: evil.example/x?y"], host=False))
add(g, "http10-no-host-protected", request("GET", "/api/me", version="HTTP/1.0", host=False))
add(g, "pipelined-valid-then-garbage", request("GET", "/api/me", close=False) + b"GARBAGE\r\n\r\n")

# --------------------------------------------------------------------------------------------
# header: oversized and duplicated header fields
# --------------------------------------------------------------------------------------------
g = "header"
add(g, "value-40k", request("GET", "/api/me", ["X-Big: " + "v" * 40_000]))
add(g, "name-33k", request("GET", "/api/me", ["X" * 33_000 + ": v"]))
add(g, "300-fields", request("GET", "/api/me", [f"X-F{i}: v" for i in range(300)]))
add(g, "list-40k-in-1k-fields", request("GET", "/api/me", [f"X-F{i}: " + "v" * 1000 for i in range(40)]))
add(g, "authorization-30k-bearer", request("GET", "/api/me", ["Authorization: Bearer " + "A" * 30_000]))
add(g, "cookie-30k", request("GET", "/api/me", ["Cookie: " + "; ".join(f"c{i}=" + "v" * 20 for i in range(1200))]))
add(g, "cookie-1000-pairs-protected", request("POST", "/clients", ["Cookie: " + "; ".join(f"c{i}=v" for i in range(1000))], ctype=FORM, body="name=x"))
add(g, "space-in-name", request("GET", "/api/me", ["Bad Header: v"]))
add(g, "no-colon", request("GET", "/api/me", ["NoColonHere"]))
add(g, "empty-name", request("GET", "/api/me", [": v"]))
add(g, "space-before-colon", request("GET", "/api/me", ["Authorization : Bearer x"]))
add(g, "bare-cr-in-value", request("GET", "/api/me", [b"X-A: a\rb"]))
add(g, "bare-lf-in-value", request("GET", "/api/me", [b"X-A: a\nb"]))
add(g, "obs-text-value", request("GET", "/api/me", [b"X-A: \xe9t\xe9"]))
add(g, "invalid-utf8-bearer", request("GET", "/api/me", [b"Authorization: Bearer \xff\xfe\xfd"]))
add(g, "utf8-name", request("GET", "/api/me", ["X-Caf\u00e9: v"]))
add(g, "two-bearer-fields", request("GET", "/api/me", [BEARER, "Authorization: Bearer other"]))
add(g, "two-basic-fields", request("POST", "/oauth/token", [BASIC, basic("a", "b")], ctype=FORM, body="grant_type=client_credentials"))
add(g, "two-content-types", request("POST", "/oauth/token", [BASIC, "Content-Type: " + FORM, "Content-Type: application/json"], body="grant_type=client_credentials"))
add(g, "two-cookies-sessions", request("POST", "/clients", [SESSION, ANON], ctype=FORM, body="csrf_token={{CSRF}}&name=x&redirect_uri=javascript%3Aalert(1)"))
add(g, "basic-invalid-base64", request("POST", "/oauth/token", ["Authorization: Basic !!!not-base64!!!"], ctype=FORM, body="grant_type=client_credentials"))
add(g, "basic-no-colon", request("POST", "/oauth/token", ["Authorization: Basic " + base64.b64encode(b"nocolon").decode()], ctype=FORM, body="grant_type=client_credentials"))
add(g, "basic-empty-user", request("POST", "/oauth/token", [basic("", "secret")], ctype=FORM, body="grant_type=client_credentials"))
add(g, "basic-empty", request("POST", "/oauth/token", ["Authorization: Basic "], ctype=FORM, body="grant_type=client_credentials"))
add(g, "basic-huge", request("POST", "/oauth/token", [basic("u" * 10_000, "p" * 10_000)], ctype=FORM, body="grant_type=client_credentials"))
add(g, "basic-invalid-utf8", request("POST", "/oauth/token", ["Authorization: Basic " + base64.b64encode(b"\xff\xfe:\xc3").decode()], ctype=FORM, body="grant_type=client_credentials"))
add(g, "oauth1-header-unterminated-quote", request("POST", "/oauth1/initiate", ['Authorization: OAuth oauth_consumer_key="abc']))
add(g, "oauth1-header-no-equals", request("POST", "/oauth1/initiate", ["Authorization: OAuth oauth_consumer_key"]))
add(g, "oauth1-header-10k-params", request("POST", "/oauth1/initiate", ["Authorization: OAuth " + ", ".join(f'p{i}="v"' for i in range(2000))]))
add(g, "expect-100-huge-body", b"POST /oauth/token HTTP/1.1\r\nHost: {{HOST}}\r\nContent-Type: " + b(FORM) + b"\r\nContent-Length: 2000000\r\nExpect: 100-continue\r\n\r\n")
add(g, "content-length-over-limit", b"POST /oauth/token HTTP/1.1\r\nHost: {{HOST}}\r\nContent-Type: " + b(FORM) + b"\r\nContent-Length: 1048577\r\n\r\n")
add(g, "expect-unknown", request("POST", "/oauth/token", ["Expect: teapot"], ctype=FORM, body="grant_type=client_credentials"))
add(g, "forwarded-headers-untrusted", request("POST", "/oauth/token", ["X-Forwarded-Proto: https", "X-Forwarded-Host: evil.example", "Forwarded: for=1.2.3.4;host=evil.example;proto=https"], ctype=FORM, body="grant_type=client_credentials"))

# --------------------------------------------------------------------------------------------
# encoding: invalid percent-encoding and invalid UTF-8 (in query, form, path, JSON, cookies)
# --------------------------------------------------------------------------------------------
g = "encoding"
bad_escapes = {
    "pct-zz": b"%ZZ",
    "pct-trailing": b"abc%",
    "pct-one-digit": b"%4",
    "pct-double": b"%%41",
    "pct-u-style": b"%u0041",
    "overlong-slash": b"%C0%AF",
    "surrogate": b"%ED%A0%80",
    "lone-continuation": b"%80",
    "truncated-euro": b"%E2%82",
    "byte-ff": b"%FF",
    "raw-ff": b"\xff",
    "raw-truncated": b"\xe2\x82",
}
for label, value in bad_escapes.items():
    add(g, f"authorize-client-id-{label}", request("GET", b"/oauth/authorize?" + authorize_query(client_id=None) + b"&client_id=" + value, [SESSION]))
for label in ["pct-zz", "pct-trailing", "overlong-slash", "surrogate", "raw-ff", "truncated-euro"]:
    add(g, f"token-form-{label}", request("POST", "/oauth/token", [BASIC], ctype=FORM, body=b"grant_type=password&username=" + bad_escapes[label] + b"&password=x"))
add(g, "token-form-name-pct-zz", request("POST", "/oauth/token", [BASIC], ctype=FORM, body=b"grant_type=client_credentials&%ZZ=1"))
add(g, "revoke-form-pct-zz", request("POST", "/oauth/revoke", [BASIC], ctype=FORM, body=b"token=%ZZ"))
add(g, "introspect-form-surrogate", request("POST", "/oauth/introspect", [BASIC], ctype=FORM, body=b"token=%ED%A0%80"))
add(g, "login-form-pct-zz", request("POST", "/login", [ANON], ctype=FORM, body=b"csrf_token={{ANON_CSRF}}&username=%ZZ&password=x"))
add(g, "login-form-raw-invalid-utf8", request("POST", "/login", [ANON], ctype=FORM, body=b"csrf_token={{ANON_CSRF}}&username=\xc3\x28&password=x"))
add(g, "clients-form-overlong", request("POST", "/clients", [SESSION], ctype=FORM, body=b"csrf_token={{CSRF}}&name=%C0%AF&redirect_uri=x"))
add(g, "oauth1-initiate-form-pct-zz", request("POST", "/oauth1/initiate", ctype=FORM, body=oauth1_form(oauth_callback="oob") + b"&oauth_nonce=%ZZ"))
add(g, "oauth1-header-pct-zz", request("POST", "/oauth1/initiate", [oauth1_header(oauth_callback="oob", oauth_nonce="%ZZ")]))
add(g, "oauth1-header-raw-invalid-utf8", request("POST", "/oauth1/initiate", [b(oauth1_header(oauth_callback="oob", oauth_consumer_key="KEYX")).replace(b"KEYX", b"\xff\xfe")]))
add(g, "oauth1-token-query-pct-zz", request("POST", "/oauth1/token?oauth_verifier=%ZZ", [oauth1_header(secret2="{{OAUTH1_TEMP_SECRET}}", oauth_token="{{OAUTH1_TEMP_TOKEN}}")]))
add(g, "path-pct-zz", request("GET", "/oauth/%ZZ"))
add(g, "path-overlong", request("GET", "/api/%C0%AFme"))
add(g, "path-surrogate", request("GET", "/api/%ED%A0%80"))
add(g, "path-encoded-slash", request("GET", "/api%2Fme"))
add(g, "path-trailing-pct", request("GET", "/api/me%"))
add(g, "notes-json-invalid-utf8", request("POST", "/api/notes", [BEARER], ctype="application/json", body=b'{"text":"\xff\xfe"}'))
add(g, "notes-json-lone-surrogate", request("POST", "/api/notes", [BEARER], ctype="application/json", body=b'{"text":"\\ud800"}'))
add(g, "notes-json-bad-escape", request("POST", "/api/notes", [BEARER], ctype="application/json", body=b'{"text":"\\x41"}'))
add(g, "notes-json-utf16-bom", request("POST", "/api/notes", [BEARER], ctype="application/json", body='{"text":""}'.encode("utf-16")))
add(g, "cookie-invalid-utf8", request("GET", "/oauth/authorize?" + authorize_query().decode(), [b"Cookie: gatehouse_session=\xff\xfe.\xc3"]), "redirect")
add(g, "cookie-forged-signature", request("POST", "/clients", ["Cookie: gatehouse_session={{SESSION_COOKIE}}x"], ctype=FORM, body="csrf_token={{CSRF}}&name=x&redirect_uri=https%3A%2F%2Fa.example%2Fcb"))

# --------------------------------------------------------------------------------------------
# nul: NUL bytes, raw and percent-encoded
# --------------------------------------------------------------------------------------------
g = "nul"
add(g, "in-request-line", b"GET /api/me\x00 HTTP/1.1\r\nHost: {{HOST}}\r\n\r\n")
add(g, "in-method", b"G\x00ET /api/me HTTP/1.1\r\nHost: {{HOST}}\r\n\r\n")
add(g, "in-header-name", request("GET", "/api/me", [b"X-A\x00: v"]))
add(g, "in-header-value", request("GET", "/api/me", [b"X-A: a\x00b"]))
add(g, "in-bearer-token", request("GET", "/api/me", [b"Authorization: Bearer {{ACCESS_TOKEN}}\x00admin"]))
add(g, "in-path-encoded", request("GET", "/api/me%00"))
add(g, "in-client-id-encoded", request("GET", b"/oauth/authorize?" + authorize_query(client_id="{{CLIENT_ID}}%00"), [SESSION]))
add(g, "in-redirect-uri-encoded", request("GET", b"/oauth/authorize?" + authorize_query(redirect_uri=None) + b"&redirect_uri=https%3A%2F%2Fclient.example%2Fcallback%00.evil.example", [SESSION]))
add(g, "in-scope-encoded", request("GET", b"/oauth/authorize?" + authorize_query(scope=None) + b"&scope=profile%00admin", [SESSION]))
add(g, "in-username-form-raw", request("POST", "/oauth/token", [BASIC], ctype=FORM, body=b"grant_type=password&username=demo\x00admin&password=x"))
add(g, "in-password-form-encoded", request("POST", "/oauth/token", [BASIC], ctype=FORM, body=b"grant_type=password&username=demo&password={{PASSWORD}}%00"))
add(g, "in-login-username", request("POST", "/login", [ANON], ctype=FORM, body=b"csrf_token={{ANON_CSRF}}&username=demo%00&password={{PASSWORD}}"))
add(g, "in-json-raw", request("POST", "/api/notes", [BEARER], ctype="application/json", body=b'{"text":"a\x00b"}'))
add(g, "in-cookie", request("POST", "/clients", [b"Cookie: gatehouse_session={{SESSION_COOKIE}}\x00"], ctype=FORM, body="csrf_token={{CSRF}}&name=x&redirect_uri=https%3A%2F%2Fa.example%2Fcb"))
add(g, "in-oauth1-token", request("POST", "/oauth1/token", [oauth1_header(secret2="{{OAUTH1_TEMP_SECRET}}", oauth_token="{{OAUTH1_TEMP_TOKEN}}%00", oauth_verifier="{{OAUTH1_VERIFIER}}")]))
add(g, "in-chunk-data", b"POST /oauth/token HTTP/1.1\r\nHost: {{HOST}}\r\nContent-Type: " + b(FORM) + b"\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\na\x00b=c\r\n0\r\n\r\n")

# --------------------------------------------------------------------------------------------
# crlf: CR/LF in values that end up in response headers (Location, Set-Cookie): splitting
# --------------------------------------------------------------------------------------------
g = "crlf"
for variant, text in [("encoded", INJECT), ("lf-only", "\nX-Injected: gatehouse"), ("cr-only", "\rX-Injected: gatehouse"), ("utf8-line-sep", "\u2028X-Injected: gatehouse\u0085")]:
    add(g, f"state-{variant}-bad-scope", request("GET", b"/oauth/authorize?" + authorize_query(scope="nope", state="s" + text), [SESSION]), "redirect")
add(g, "state-encoded-deny", request("POST", b"/oauth/authorize?" + authorize_query(state="s" + INJECT), [SESSION], ctype=FORM, body="csrf_token={{CSRF}}&confirm=no"), "redirect")
add(g, "state-encoded-implicit-bad-scope", request("GET", b"/oauth/authorize?" + authorize_query(response_type="token", scope="nope", state="s" + INJECT), [SESSION]), "redirect")
add(g, "response-type-reflected", request("GET", b"/oauth/authorize?" + authorize_query(response_type="code" + INJECT), [SESSION]), "redirect")
add(g, "scope-reflected", request("GET", b"/oauth/authorize?" + authorize_query(scope="profile" + INJECT), [SESSION]), "redirect")
add(g, "redirect-uri-appended", request("GET", b"/oauth/authorize?" + authorize_query(redirect_uri=REDIRECT + INJECT), [SESSION]))
add(g, "redirect-uri-token-endpoint", request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "authorization_code"), ("code", "{{AUTH_CODE}}"), ("redirect_uri", REDIRECT + INJECT)])))
add(g, "no-session-login-redirect", request("GET", b"/oauth/authorize?" + authorize_query(state="s" + INJECT)), "redirect")
add(g, "login-next-wrong-password", request("POST", "/login", [ANON], ctype=FORM, body=form([("csrf_token", "{{ANON_CSRF}}"), ("username", "demo"), ("password", "wrong"), ("next", "/" + INJECT)])))
add(g, "login-next-right-password", request("POST", "/login", [ANON], ctype=FORM, body=form([("csrf_token", "{{ANON_CSRF}}"), ("username", "demo"), ("password", "{{PASSWORD}}"), ("next", "/" + INJECT)])), "redirect")
add(g, "oauth1-callback-header", request("POST", "/oauth1/initiate", [oauth1_header(oauth_callback=enc(OAUTH1_CALLBACK + INJECT))]))
add(g, "oauth1-callback-form", request("POST", "/oauth1/initiate", ctype=FORM, body=oauth1_form(oauth_callback=OAUTH1_CALLBACK + INJECT)))
add(g, "oauth1-callback-oob", request("POST", "/oauth1/initiate", [oauth1_header(oauth_callback=enc("oob" + INJECT))]))
add(g, "oauth1-authorize-token", request("GET", "/oauth1/authorize?oauth_token=" + enc("x" + INJECT), [SESSION]))
add(g, "oauth1-realm", request("POST", "/oauth1/initiate", [oauth1_header(realm=enc("r" + INJECT), oauth_consumer_key="unknown", oauth_callback="oob")]))
add(g, "bearer-quote-www-authenticate", request("GET", "/api/me", ['Authorization: Bearer x", error="injected", realm="evil']))
add(g, "token-error-description", request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "gt" + INJECT)])))
add(g, "method-not-allowed-allow", request("DELETE", "/oauth/token%0d%0aX-Injected:%20gatehouse"))

# --------------------------------------------------------------------------------------------
# redirect-uri: javascript:, data: and other redirect URIs that must never be used
# --------------------------------------------------------------------------------------------
g = "redirecturi"
hostile = {
    "javascript": "javascript:alert(document.cookie)",
    "javascript-mixed-case": "JaVaScRiPt:alert(1)",
    "javascript-encoded-j": "%6Aavascript:alert(1)",
    "javascript-comment": "javascript://client.example/callback%0aalert(1)",
    "data-html": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript": "vbscript:msgbox(1)",
    "file": "file:///etc/passwd",
    "protocol-relative": "//evil.example/callback",
    "userinfo-host": "https://client.example@evil.example/callback",
    "suffix-host": "https://client.example.evil.example/callback",
    "path-traversal": "https://client.example/callback/../../evil",
    "extra-query": "https://client.example/callback?next=https://evil.example",
    "fragment": "https://client.example/callback#x",
    "leading-space": " https://client.example/callback",
    "backslash": "https:\\\\evil.example\\callback",
    "http-downgrade": "http://client.example/callback",
}
for label, uri in hostile.items():
    add(g, f"authorize-{label}", request("GET", b"/oauth/authorize?" + authorize_query(redirect_uri=uri), [SESSION]))
add(g, "authorize-implicit-javascript", request("GET", b"/oauth/authorize?" + authorize_query(response_type="token", redirect_uri=hostile["javascript"]), [SESSION]))
add(g, "authorize-post-javascript", request("POST", b"/oauth/authorize?" + authorize_query(redirect_uri=hostile["javascript"]), [SESSION], ctype=FORM, body="csrf_token={{CSRF}}&confirm=yes"))
add(g, "token-javascript", request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "authorization_code"), ("code", "{{AUTH_CODE}}"), ("redirect_uri", hostile["javascript"])])))
for label in ["javascript", "data-html", "vbscript", "protocol-relative", "fragment"]:
    add(g, f"register-oauth2-{label}", request("POST", "/clients", [SESSION], ctype=FORM, body=form([("csrf_token", "{{CSRF}}"), ("protocol", "oauth2"), ("name", "x"), ("redirect_uri", hostile[label])])))
add(g, "register-oauth1-javascript", request("POST", "/clients", [SESSION], ctype=FORM, body=form([("csrf_token", "{{CSRF}}"), ("protocol", "oauth1"), ("name", "x"), ("redirect_uri", hostile["javascript"])])))
add(g, "oauth1-initiate-javascript", request("POST", "/oauth1/initiate", [oauth1_header(oauth_callback=enc(hostile["javascript"]))]))
add(g, "oauth1-initiate-data", request("POST", "/oauth1/initiate", [oauth1_header(oauth_callback=enc(hostile["data-html"]))]))
for label, nxt in [("javascript", "javascript:alert(1)"), ("protocol-relative", "//evil.example"), ("backslash", "/\\evil.example"), ("absolute", "https://evil.example/")]:
    add(g, f"login-next-{label}", request("POST", "/login", [ANON], ctype=FORM, body=form([("csrf_token", "{{ANON_CSRF}}"), ("username", "demo"), ("password", "{{PASSWORD}}"), ("next", nxt)])), "redirect")

# --------------------------------------------------------------------------------------------
# twice: parameters given twice (RFC 6749 §3.1, §3.2: MUST NOT be included more than once)
# --------------------------------------------------------------------------------------------
g = "twice"
for name, second in [("client_id", "{{CLIENT_ID}}"), ("redirect_uri", REDIRECT)]:
    add(g, f"authorize-{name}", request("GET", b"/oauth/authorize?" + authorize_query() + b"&" + form([(name, second)]), [SESSION]))
for name, second in [("state", "s2"), ("scope", "email"), ("response_type", "code"), ("code_challenge", "x" * 43)]:
    add(g, f"authorize-{name}", request("GET", b"/oauth/authorize?" + authorize_query() + b"&" + form([(name, second)]), [SESSION]), "redirect")
add(g, "authorize-post-query-and-body", request("POST", b"/oauth/authorize?" + authorize_query(), [SESSION], ctype=FORM, body=b"csrf_token={{CSRF}}&confirm=yes&client_id={{CLIENT_ID}}"))
token_twice = [
    ("grant_type", [("grant_type", "password"), ("username", "demo"), ("password", "{{PASSWORD}}"), ("grant_type", "client_credentials")]),
    ("username", [("grant_type", "password"), ("username", "demo"), ("username", "admin"), ("password", "{{PASSWORD}}")]),
    ("password", [("grant_type", "password"), ("username", "demo"), ("password", "{{PASSWORD}}"), ("password", "x")]),
    ("scope", [("grant_type", "password"), ("username", "demo"), ("password", "{{PASSWORD}}"), ("scope", "profile"), ("scope", "notes")]),
    ("code", [("grant_type", "authorization_code"), ("code", "{{AUTH_CODE}}"), ("code", "x"), ("redirect_uri", REDIRECT)]),
    ("refresh-token", [("grant_type", "refresh_token"), ("refresh_token", "{{FRESH_REFRESH_TOKEN}}"), ("refresh_token", "x")]),
]
for label, pairs in token_twice:
    add(g, f"token-{label}", request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form(pairs)))
add(g, "token-client-id-body", request("POST", "/oauth/token", ctype=FORM, body=form([("grant_type", "client_credentials"), ("client_id", "{{CLIENT_ID}}"), ("client_id", "x"), ("client_secret", "{{CLIENT_SECRET}}")])))
add(g, "token-basic-and-body-credentials", request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "client_credentials"), ("client_id", "{{CLIENT_ID}}"), ("client_secret", "{{CLIENT_SECRET}}")])))
add(g, "revoke-token", request("POST", "/oauth/revoke", [BASIC], ctype=FORM, body=form([("token", "{{FRESH_ACCESS_TOKEN}}"), ("token", "x")])))
add(g, "introspect-token", request("POST", "/oauth/introspect", [BASIC], ctype=FORM, body=form([("token", "{{ACCESS_TOKEN}}"), ("token", "x")])))
add(g, "bearer-header-and-body", request("POST", "/api/notes", [BEARER], ctype=FORM, body="access_token={{ACCESS_TOKEN}}"))
add(g, "oauth1-nonce-header-and-body", request("POST", "/oauth1/initiate", [oauth1_header(oauth_callback="oob")], ctype=FORM, body="oauth_nonce=other"))
add(g, "oauth1-header-param-twice", request("POST", "/oauth1/initiate", [oauth1_header(oauth_callback="oob") + ', oauth_nonce="again"']))
add(g, "oauth1-form-verifier-twice", request("POST", "/oauth1/token", [oauth1_header(secret2="{{OAUTH1_TEMP_SECRET}}", oauth_token="{{OAUTH1_TEMP_TOKEN}}")], ctype=FORM, body="oauth_verifier={{OAUTH1_VERIFIER}}&oauth_verifier=x"))
add(g, "oauth1-authorize-token-twice", request("GET", "/oauth1/authorize?oauth_token={{OAUTH1_TEMP_TOKEN}}&oauth_token=x", [SESSION]))
add(g, "oauth1-protected-token-query-and-header", request("GET", "/api/oauth1/me?oauth_token=x", [oauth1_header(secret2="{{OAUTH1_TOKEN_SECRET}}", oauth_token="{{OAUTH1_TOKEN}}")]))
add(g, "login-csrf-twice", request("POST", "/login", [ANON], ctype=FORM, body="csrf_token=x&csrf_token={{ANON_CSRF}}&username=demo&password=wrong"))

# --------------------------------------------------------------------------------------------
# token: huge or empty tokens, codes, verifiers and secrets
# --------------------------------------------------------------------------------------------
g = "token"
HUGE = "A" * 100_000
add(g, "bearer-empty", request("GET", "/api/me", ["Authorization: Bearer "]))
add(g, "bearer-no-credentials", request("GET", "/api/me", ["Authorization: Bearer"]))
add(g, "bearer-lowercase-scheme-wrong", request("GET", "/api/me", ["Authorization: bearer {{ACCESS_TOKEN}}x"]))
add(g, "bearer-spaces-inside", request("GET", "/api/me", ["Authorization: Bearer a b c"]))
add(g, "bearer-only-equals", request("GET", "/api/me", ["Authorization: Bearer ===="]))
add(g, "bearer-markup", request("GET", "/api/me", ["Authorization: Bearer <script>alert(1)</script>"]))
add(g, "bearer-unknown-scheme", request("GET", "/api/me", ["Authorization: Token {{ACCESS_TOKEN}}"]))
add(g, "bearer-body-huge", request("POST", "/api/notes", ctype=FORM, body="access_token=" + HUGE))
add(g, "bearer-insufficient-scope-notes", request("GET", "/api/notes", ["Authorization: Bearer {{PROFILE_ONLY_TOKEN}}"]))
add(g, "revoke-empty", request("POST", "/oauth/revoke", [BASIC], ctype=FORM, body="token="))
add(g, "revoke-missing", request("POST", "/oauth/revoke", [BASIC], ctype=FORM, body="token_type_hint=access_token"))
add(g, "revoke-huge", request("POST", "/oauth/revoke", [BASIC], ctype=FORM, body="token=" + HUGE), "ok")
add(g, "introspect-empty", request("POST", "/oauth/introspect", [BASIC], ctype=FORM, body="token="))
add(g, "introspect-huge", request("POST", "/oauth/introspect", [BASIC], ctype=FORM, body="token=" + HUGE), "ok")
add(g, "code-empty", request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "authorization_code"), ("code", ""), ("redirect_uri", REDIRECT)])))
add(g, "code-huge", request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "authorization_code"), ("code", HUGE), ("redirect_uri", REDIRECT)])))
add(g, "code-verifier-huge", request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "authorization_code"), ("code", "{{AUTH_CODE}}"), ("redirect_uri", REDIRECT), ("code_verifier", "v" * 100_000)])))
add(g, "code-verifier-empty", request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "authorization_code"), ("code", "{{AUTH_CODE}}"), ("redirect_uri", REDIRECT), ("code_verifier", "")])))
add(g, "refresh-empty", request("POST", "/oauth/token", [BASIC], ctype=FORM, body="grant_type=refresh_token&refresh_token="))
add(g, "refresh-huge", request("POST", "/oauth/token", [BASIC], ctype=FORM, body="grant_type=refresh_token&refresh_token=" + HUGE))
add(g, "access-token-as-refresh", request("POST", "/oauth/token", [BASIC], ctype=FORM, body="grant_type=refresh_token&refresh_token={{FRESH_ACCESS_TOKEN}}"))
add(g, "password-huge", request("POST", "/oauth/token", [BASIC], ctype=FORM, body="grant_type=password&username=demo&password=" + HUGE))
add(g, "password-empty", request("POST", "/oauth/token", [BASIC], ctype=FORM, body="grant_type=password&username=demo&password="))
add(g, "client-secret-empty", request("POST", "/oauth/token", ctype=FORM, body="grant_type=client_credentials&client_id={{CLIENT_ID}}&client_secret="))
add(g, "client-secret-huge", request("POST", "/oauth/token", ctype=FORM, body="grant_type=client_credentials&client_id={{CLIENT_ID}}&client_secret=" + HUGE))
add(g, "code-challenge-huge", request("GET", b"/oauth/authorize?" + authorize_query(code_challenge="c" * 20_000, code_challenge_method="S256"), [SESSION]), "redirect")
add(g, "code-challenge-short", request("GET", b"/oauth/authorize?" + authorize_query(code_challenge="short", code_challenge_method="S256"), [SESSION]), "redirect")
add(g, "code-challenge-method-plain", request("GET", b"/oauth/authorize?" + authorize_query(code_challenge="c" * 43, code_challenge_method="plain"), [SESSION]), "redirect")
add(g, "state-huge", request("GET", b"/oauth/authorize?" + authorize_query(scope="nope", state="s" * 20_000), [SESSION]), "redirect")
add(g, "oauth1-verifier-empty", request("POST", "/oauth1/token", [oauth1_header(secret2="{{OAUTH1_TEMP_SECRET}}", oauth_token="{{OAUTH1_TEMP_TOKEN}}", oauth_verifier="")]))
add(g, "oauth1-verifier-huge", request("POST", "/oauth1/token", [oauth1_header(secret2="{{OAUTH1_TEMP_SECRET}}", oauth_token="{{OAUTH1_TEMP_TOKEN}}")], ctype=FORM, body="oauth_verifier=" + "v" * 100_000))
add(g, "oauth1-token-empty", request("GET", "/api/oauth1/me", [oauth1_header(secret2="{{OAUTH1_TOKEN_SECRET}}", oauth_token="")]))
add(g, "oauth1-token-huge", request("GET", "/api/oauth1/me", [oauth1_header(secret2="{{OAUTH1_TOKEN_SECRET}}", oauth_token="t" * 20_000)]))
add(g, "oauth1-signature-empty", request("GET", "/api/oauth1/me", [oauth1_header(oauth_token="{{OAUTH1_TOKEN}}", oauth_signature="")]))
add(g, "oauth1-signature-huge", request("POST", "/oauth1/initiate", [oauth1_header(oauth_callback="oob", oauth_signature="s" * 20_000)]))
add(g, "oauth1-nonce-huge", request("POST", "/oauth1/initiate", [oauth1_header(oauth_callback="oob", oauth_nonce="n" * 20_000 + "{{NONCE}}")]), "ok")
add(g, "oauth1-nonce-empty", request("POST", "/oauth1/initiate", [oauth1_header(oauth_callback="oob", oauth_nonce="")]))
add(g, "oauth1-timestamp-huge", request("POST", "/oauth1/initiate", [oauth1_header(oauth_callback="oob", oauth_timestamp="9" * 400)]))
add(g, "oauth1-timestamp-negative", request("POST", "/oauth1/initiate", [oauth1_header(oauth_callback="oob", oauth_timestamp="-1")]))
add(g, "oauth1-timestamp-stale", request("POST", "/oauth1/initiate", [oauth1_header(oauth_callback="oob", oauth_timestamp="1")]))
add(g, "oauth1-nonce-replayed", request("POST", "/oauth1/initiate", [oauth1_header(oauth_callback="oob", oauth_nonce="{{USED_NONCE}}", oauth_timestamp="{{USED_TIMESTAMP}}")]))
add(g, "oauth1-authorize-empty-token", request("GET", "/oauth1/authorize?oauth_token=", [SESSION]))
add(g, "oauth1-authorize-huge-token", request("GET", "/oauth1/authorize?oauth_token=" + "t" * 20_000, [SESSION]))
add(g, "session-cookie-huge", request("POST", "/clients", ["Cookie: gatehouse_session=" + "c" * 20_000], ctype=FORM, body="csrf_token=x&name=x"))
add(g, "csrf-empty", request("POST", "/clients", [SESSION], ctype=FORM, body="csrf_token=&name=x&redirect_uri=https%3A%2F%2Fa.example%2Fcb"))
add(g, "csrf-huge", request("POST", "/clients", [SESSION], ctype=FORM, body="csrf_token=" + "c" * 100_000 + "&name=x&redirect_uri=https%3A%2F%2Fa.example%2Fcb"))
add(g, "csrf-other-session", request("POST", "/clients", [SESSION], ctype=FORM, body="csrf_token={{ANON_CSRF}}&name=x&redirect_uri=https%3A%2F%2Fa.example%2Fcb"))

# --------------------------------------------------------------------------------------------
# sql: SQL metacharacters in every parameter of every DemoApp endpoint
# --------------------------------------------------------------------------------------------
g = "sql"
SQL = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '"; DROP TABLE demo_users; --',
    "'; DELETE FROM oauth2_tokens; --",
    "1' UNION SELECT password_hash, username FROM demo_users --",
    "') OR ('a'='a",
    "%' OR client_secret LIKE '%",
    "'; UPDATE oauth2_clients SET redirect_uris='[\"https://evil.example\"]'; --",
    "\\'; SELECT sqlite_version(); --",
    "1; PRAGMA writable_schema=ON; --",
    "' || (SELECT group_concat(token) FROM oauth1_token_credentials) || '",
    "$1 ?1 :name @p ?",
]
sql_index = [0]


def payloads(count=2):
    out = []
    for _ in range(count):
        out.append(SQL[sql_index[0] % len(SQL)])
        sql_index[0] += 1
    return out


def sql_cases(label, build, expect=None, count=2):
    for index, payload in enumerate(payloads(count), start=1):
        add(g, f"{label}-{index}", build(payload), expect)


# OAuth 2 authorization endpoint, logged in (GET shows consent only for a valid request).
sql_cases("authorize-get-response-type", lambda p: request("GET", b"/oauth/authorize?" + authorize_query(response_type=p), [SESSION]), "redirect")
sql_cases("authorize-get-client-id", lambda p: request("GET", b"/oauth/authorize?" + authorize_query(client_id=p), [SESSION]))
sql_cases("authorize-get-redirect-uri", lambda p: request("GET", b"/oauth/authorize?" + authorize_query(redirect_uri=p), [SESSION]))
sql_cases("authorize-get-scope", lambda p: request("GET", b"/oauth/authorize?" + authorize_query(scope=p), [SESSION]), "redirect")
sql_cases("authorize-get-code-challenge", lambda p: request("GET", b"/oauth/authorize?" + authorize_query(code_challenge=p, code_challenge_method="S256"), [SESSION]), "redirect")
sql_cases("authorize-get-code-challenge-method", lambda p: request("GET", b"/oauth/authorize?" + authorize_query(code_challenge="c" * 43, code_challenge_method=p), [SESSION]), "redirect")
sql_cases("authorize-post-state-deny", lambda p: request("POST", b"/oauth/authorize?" + authorize_query(state=p), [SESSION], ctype=FORM, body="csrf_token={{CSRF}}&confirm=no"), "redirect")
sql_cases("authorize-post-confirm", lambda p: request("POST", b"/oauth/authorize?" + authorize_query(), [SESSION], ctype=FORM, body=b"csrf_token={{CSRF}}&confirm=" + b(enc(p))), "redirect")
sql_cases("authorize-post-csrf", lambda p: request("POST", b"/oauth/authorize?" + authorize_query(), [SESSION], ctype=FORM, body=b"confirm=yes&csrf_token=" + b(enc(p))))
sql_cases("authorize-post-client-id", lambda p: request("POST", b"/oauth/authorize?" + authorize_query(client_id=p), [SESSION], ctype=FORM, body="csrf_token={{CSRF}}&confirm=yes"))
# OAuth 2 token endpoint, client authenticated.
sql_cases("token-grant-type", lambda p: request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", p)])))
sql_cases("token-code", lambda p: request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "authorization_code"), ("code", p), ("redirect_uri", REDIRECT)])))
sql_cases("token-redirect-uri", lambda p: request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "authorization_code"), ("code", "{{AUTH_CODE}}"), ("redirect_uri", p)])))
sql_cases("token-code-verifier", lambda p: request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "authorization_code"), ("code", "{{AUTH_CODE}}"), ("redirect_uri", REDIRECT), ("code_verifier", p)])))
sql_cases("token-username", lambda p: request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "password"), ("username", p), ("password", "{{PASSWORD}}")])))
sql_cases("token-password", lambda p: request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "password"), ("username", "demo"), ("password", p)])))
sql_cases("token-scope", lambda p: request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "password"), ("username", "demo"), ("password", "{{PASSWORD}}"), ("scope", p)])))
sql_cases("token-client-credentials-scope", lambda p: request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "client_credentials"), ("scope", p)])))
sql_cases("token-refresh-token", lambda p: request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "refresh_token"), ("refresh_token", p)])))
sql_cases("token-refresh-scope", lambda p: request("POST", "/oauth/token", [BASIC], ctype=FORM, body=form([("grant_type", "refresh_token"), ("refresh_token", "{{FRESH_REFRESH_TOKEN}}"), ("scope", p)])))
sql_cases("token-client-id-post", lambda p: request("POST", "/oauth/token", ctype=FORM, body=form([("grant_type", "client_credentials"), ("client_id", p), ("client_secret", "x")])))
sql_cases("token-client-secret-post", lambda p: request("POST", "/oauth/token", ctype=FORM, body=form([("grant_type", "client_credentials"), ("client_id", "{{CLIENT_ID}}"), ("client_secret", p)])))
sql_cases("token-basic-user", lambda p: request("POST", "/oauth/token", [basic(enc(p), "secret")], ctype=FORM, body="grant_type=client_credentials"))
sql_cases("token-basic-password", lambda p: request("POST", "/oauth/token", [basic("client", p)], ctype=FORM, body="grant_type=client_credentials"))
# Revocation and introspection: unknown tokens are answered 200 (RFC 7009 §2.2, RFC 7662 §2.2).
sql_cases("revoke-token", lambda p: request("POST", "/oauth/revoke", [BASIC], ctype=FORM, body=form([("token", p)])), "ok")
sql_cases("revoke-token-type-hint", lambda p: request("POST", "/oauth/revoke", [BASIC], ctype=FORM, body=form([("token", "unknown"), ("token_type_hint", p)])), "ok")
sql_cases("revoke-client-id", lambda p: request("POST", "/oauth/revoke", ctype=FORM, body=form([("token", "x"), ("client_id", p), ("client_secret", "x")])))
sql_cases("introspect-token", lambda p: request("POST", "/oauth/introspect", [BASIC], ctype=FORM, body=form([("token", p)])), "ok")
sql_cases("introspect-token-type-hint", lambda p: request("POST", "/oauth/introspect", [BASIC], ctype=FORM, body=form([("token", "unknown"), ("token_type_hint", p)])), "ok")
sql_cases("introspect-client-secret", lambda p: request("POST", "/oauth/introspect", ctype=FORM, body=form([("token", "x"), ("client_id", "{{CLIENT_ID}}"), ("client_secret", p)])))
# OAuth 1 temporary credentials (PLAINTEXT-signed so requests pass the signature check).
sql_cases("oauth1-initiate-consumer-key", lambda p: request("POST", "/oauth1/initiate", [oauth1_header(oauth_consumer_key=enc(p), oauth_callback="oob")]))
sql_cases("oauth1-initiate-signature-method", lambda p: request("POST", "/oauth1/initiate", [oauth1_header(oauth_signature_method=enc(p), oauth_callback="oob")]))
sql_cases("oauth1-initiate-signature", lambda p: request("POST", "/oauth1/initiate", [oauth1_header(oauth_signature=enc(p), oauth_callback="oob")]))
sql_cases("oauth1-initiate-timestamp", lambda p: request("POST", "/oauth1/initiate", [oauth1_header(oauth_timestamp=enc(p), oauth_callback="oob")]))
sql_cases("oauth1-initiate-version", lambda p: request("POST", "/oauth1/initiate", [oauth1_header(oauth_version=enc(p), oauth_callback="oob")]))
sql_cases("oauth1-initiate-callback", lambda p: request("POST", "/oauth1/initiate", [oauth1_header(oauth_callback=enc(p))]))
sql_cases("oauth1-initiate-nonce", lambda p: request("POST", "/oauth1/initiate", ctype=FORM, body=oauth1_form(oauth_nonce=p + " {{NONCE}}", oauth_callback="oob")), "ok")
sql_cases("oauth1-initiate-realm", lambda p: request("POST", "/oauth1/initiate", [oauth1_header(realm=enc(p), oauth_consumer_key="unknown", oauth_callback="oob")]))
# OAuth 1 authorization page, logged in.
sql_cases("oauth1-authorize-get-token", lambda p: request("GET", "/oauth1/authorize?oauth_token=" + enc(p), [SESSION]))
sql_cases("oauth1-authorize-post-token", lambda p: request("POST", "/oauth1/authorize", [SESSION], ctype=FORM, body=b"csrf_token={{CSRF}}&confirm=yes&oauth_token=" + b(enc(p))))
sql_cases("oauth1-authorize-post-confirm", lambda p: request("POST", "/oauth1/authorize", [SESSION], ctype=FORM, body=b"csrf_token={{CSRF}}&oauth_token={{OAUTH1_TEMP_TOKEN}}&confirm=" + b(enc(p))), "redirect")
# OAuth 1 token credentials.
sql_cases("oauth1-token-token", lambda p: request("POST", "/oauth1/token", [oauth1_header(secret2="{{OAUTH1_TEMP_SECRET}}", oauth_token=enc(p), oauth_verifier="x")]))
sql_cases("oauth1-token-verifier", lambda p: request("POST", "/oauth1/token", [oauth1_header(secret2="{{OAUTH1_TEMP_SECRET}}", oauth_token="{{OAUTH1_TEMP_TOKEN}}", oauth_verifier=enc(p))]))
sql_cases("oauth1-token-consumer-key", lambda p: request("POST", "/oauth1/token", [oauth1_header(secret2="{{OAUTH1_TEMP_SECRET}}", oauth_consumer_key=enc(p), oauth_token="{{OAUTH1_TEMP_TOKEN}}", oauth_verifier="{{OAUTH1_VERIFIER}}")]))
sql_cases("oauth1-token-signature", lambda p: request("POST", "/oauth1/token", [oauth1_header(oauth_signature=enc(p), oauth_token="{{OAUTH1_TEMP_TOKEN}}", oauth_verifier="{{OAUTH1_VERIFIER}}")]))
# OAuth 1 protected resource.
sql_cases("oauth1-me-token", lambda p: request("GET", "/api/oauth1/me", [oauth1_header(secret2="{{OAUTH1_TOKEN_SECRET}}", oauth_token=enc(p))]))
sql_cases("oauth1-me-consumer-key", lambda p: request("GET", "/api/oauth1/me", [oauth1_header(secret2="{{OAUTH1_TOKEN_SECRET}}", oauth_consumer_key=enc(p), oauth_token="{{OAUTH1_TOKEN}}")]))
sql_cases("oauth1-me-signature", lambda p: request("GET", "/api/oauth1/me", [oauth1_header(oauth_signature=enc(p), oauth_token="{{OAUTH1_TOKEN}}")]))
sql_cases("oauth1-me-query-param", lambda p: request("GET", "/api/oauth1/me?oauth_token=" + enc(p), []))
# Login form (anonymous session with its CSRF token, so only the credentials decide).
sql_cases("login-username", lambda p: request("POST", "/login", [ANON], ctype=FORM, body=form([("csrf_token", "{{ANON_CSRF}}"), ("username", p), ("password", "{{PASSWORD}}")])))
sql_cases("login-password", lambda p: request("POST", "/login", [ANON], ctype=FORM, body=form([("csrf_token", "{{ANON_CSRF}}"), ("username", "demo"), ("password", p)])))
sql_cases("login-next", lambda p: request("POST", "/login", [ANON], ctype=FORM, body=form([("csrf_token", "{{ANON_CSRF}}"), ("username", "demo"), ("password", "wrong"), ("next", p)])))
sql_cases("login-csrf", lambda p: request("POST", "/login", [ANON], ctype=FORM, body=form([("csrf_token", p), ("username", "demo"), ("password", "{{PASSWORD}}")])))
# Client registration, logged in. A name is free text: it is stored verbatim (201).
sql_cases("clients-name", lambda p: request("POST", "/clients", [SESSION], ctype=FORM, body=form([("csrf_token", "{{CSRF}}"), ("protocol", "oauth2"), ("name", p), ("redirect_uri", "https://sql.example/cb")])), "ok")
sql_cases("clients-redirect-uri", lambda p: request("POST", "/clients", [SESSION], ctype=FORM, body=form([("csrf_token", "{{CSRF}}"), ("protocol", "oauth2"), ("name", "sql"), ("redirect_uri", p)])))
sql_cases("clients-protocol", lambda p: request("POST", "/clients", [SESSION], ctype=FORM, body=form([("csrf_token", "{{CSRF}}"), ("protocol", p), ("name", "sql"), ("redirect_uri", "oob")])))
sql_cases("clients-auth-method", lambda p: request("POST", "/clients", [SESSION], ctype=FORM, body=form([("csrf_token", "{{CSRF}}"), ("protocol", "oauth2"), ("name", "sql"), ("redirect_uri", "https://sql.example/cb"), ("token_endpoint_auth_method", p)])))
sql_cases("clients-scope", lambda p: request("POST", "/clients", [SESSION], ctype=FORM, body=form([("csrf_token", "{{CSRF}}"), ("protocol", "oauth2"), ("name", "sql scope"), ("redirect_uri", "https://sql.example/cb"), ("scope", p)])), "ok", count=1)
sql_cases("clients-csrf", lambda p: request("POST", "/clients", [SESSION], ctype=FORM, body=form([("csrf_token", p), ("protocol", "oauth2"), ("name", "sql"), ("redirect_uri", "https://sql.example/cb")])))
sql_cases("clients-session-cookie", lambda p: request("POST", "/clients", ["Cookie: gatehouse_session=" + enc(p)], ctype=FORM, body=form([("csrf_token", "x"), ("name", "sql"), ("redirect_uri", "https://sql.example/cb")])))
# Protected OAuth 2 API.
sql_cases("me-bearer", lambda p: request("GET", "/api/me", ["Authorization: Bearer " + p]))
sql_cases("me-bearer-encoded", lambda p: request("GET", "/api/me", ["Authorization: Bearer " + enc(p)]))
sql_cases("me-query-access-token", lambda p: request("GET", "/api/me?access_token=" + enc(p)))
sql_cases("notes-bearer", lambda p: request("GET", "/api/notes", ["Authorization: Bearer " + p]))
sql_cases("notes-body-access-token", lambda p: request("POST", "/api/notes", ctype=FORM, body=form([("access_token", p)])))
sql_cases("notes-text", lambda p: request("POST", "/api/notes", [BEARER], ctype="application/json", body=json.dumps({"text": p})), "ok")
sql_cases("notes-json-key", lambda p: request("POST", "/api/notes", [BEARER], ctype="application/json", body=json.dumps({p: "x"})), count=1)

# --------------------------------------------------------------------------------------------
# ctype: wrong or surprising content types
# --------------------------------------------------------------------------------------------
g = "ctype"
add(g, "token-json-body", request("POST", "/oauth/token", [BASIC], ctype="application/json", body='{"grant_type":"client_credentials"}'))
add(g, "token-no-content-type", request("POST", "/oauth/token", [BASIC], body="grant_type=client_credentials"))
add(g, "token-text-plain", request("POST", "/oauth/token", [BASIC], ctype="text/plain", body="grant_type=client_credentials"))
add(g, "token-multipart", request("POST", "/oauth/token", [BASIC], ctype="multipart/form-data; boundary=XX", body="--XX\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_credentials\r\n--XX--\r\n"))
add(g, "token-form-utf16", request("POST", "/oauth/token", [BASIC], ctype=FORM + "; charset=utf-16", body="grant_type=password&username=demo&password=x".encode("utf-16")))
add(g, "token-form-latin1", request("POST", "/oauth/token", [BASIC], ctype=FORM + "; charset=iso-8859-1", body=b"grant_type=password&username=d\xe9mo&password=x"))
add(g, "token-form-uppercase-wrong-password", request("POST", "/oauth/token", [BASIC], ctype="APPLICATION/X-WWW-FORM-URLENCODED", body="grant_type=password&username=demo&password=wrong"))
add(g, "token-form-junk-parameters", request("POST", "/oauth/token", [BASIC], ctype=FORM + "; " + "; ".join(f"p{i}=v" for i in range(500)), body="grant_type=password&username=demo&password=wrong"))
add(g, "token-content-type-empty", request("POST", "/oauth/token", [BASIC, "Content-Type:"], body="grant_type=client_credentials"))
add(g, "token-get-method", request("GET", "/oauth/token?grant_type=client_credentials", [BASIC]))
add(g, "revoke-json", request("POST", "/oauth/revoke", [BASIC], ctype="application/json", body='{"token":"x"}'))
add(g, "introspect-xml", request("POST", "/oauth/introspect", [BASIC], ctype="application/xml", body="<token>x</token>"))
add(g, "login-json", request("POST", "/login", [ANON], ctype="application/json", body='{"username":"demo","password":"{{PASSWORD}}","csrf_token":"{{ANON_CSRF}}"}'))
add(g, "clients-multipart", request("POST", "/clients", [SESSION], ctype="multipart/form-data; boundary=XX", body="--XX\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{{CSRF}}\r\n--XX--\r\n"))
add(g, "oauth1-initiate-json", request("POST", "/oauth1/initiate", ctype="application/json", body='{"oauth_consumer_key":"{{OAUTH1_CLIENT_ID}}","oauth_callback":"oob"}'))
add(g, "notes-text-plain", request("POST", "/api/notes", [BEARER], ctype="text/plain", body='{"text":"hello"}'))
add(g, "notes-form", request("POST", "/api/notes", [BEARER], ctype=FORM, body="text=hello"))
add(g, "notes-no-content-type", request("POST", "/api/notes", [BEARER], body='{"text":"hello"}'))
add(g, "notes-json-but-form-body", request("POST", "/api/notes", [BEARER], ctype="application/json", body="text=hello"))
add(g, "notes-json-array", request("POST", "/api/notes", [BEARER], ctype="application/json", body='["hello"]'))
add(g, "notes-json-number-text", request("POST", "/api/notes", [BEARER], ctype="application/json", body='{"text":42}'))
add(g, "notes-json-missing-text", request("POST", "/api/notes", [BEARER], ctype="application/json", body="{}"))
add(g, "notes-json-empty-text", request("POST", "/api/notes", [BEARER], ctype="application/json", body='{"text":"   "}'))
add(g, "notes-json-too-long-text", request("POST", "/api/notes", [BEARER], ctype="application/json", body=json.dumps({"text": "x" * 10_001})))
add(g, "notes-json-truncated", request("POST", "/api/notes", [BEARER], ctype="application/json", body='{"text":"hel'))
add(g, "notes-json-20k-deep-arrays", request("POST", "/api/notes", [BEARER], ctype="application/json", body="[" * 20_000 + "]" * 20_000))
add(g, "notes-json-10k-deep-objects", request("POST", "/api/notes", [BEARER], ctype="application/json", body='{"a":' * 10_000 + "1" + "}" * 10_000))
add(g, "notes-json-huge-number", request("POST", "/api/notes", [BEARER], ctype="application/json", body='{"text":1' + "0" * 100_000 + "}"))
add(g, "notes-json-plus-suffix-wrong-shape", request("POST", "/api/notes", [BEARER], ctype="application/problem+json", body='{"title":"x"}'))

# --------------------------------------------------------------------------------------------
# chunked: chunked bodies that lie about their size, or bend the chunk syntax
# --------------------------------------------------------------------------------------------
g = "chunked"


def chunked(chunks, target="/oauth/token", extra=(), te="Transfer-Encoding: chunked"):
    head = [b"POST " + b(target) + b" HTTP/1.1", b"Host: {{HOST}}", b"Content-Type: " + b(FORM)]
    head += [b(h) for h in extra]
    if te:
        head.append(b(te))
    head.append(b"Connection: close")
    return b"\r\n".join(head) + b"\r\n\r\n" + b(chunks)


BODY = b"grant_type=client_credentials"
add(g, "valid-reference", chunked(b"%x\r\n" % len(BODY) + BODY + b"\r\n0\r\n\r\n"))
add(g, "size-larger-than-data", chunked(b"ff\r\n" + BODY + b"\r\n0\r\n\r\n"), "close")
add(g, "size-smaller-than-data", chunked(b"5\r\n" + BODY + b"\r\n0\r\n\r\n"))
add(g, "size-not-hex", chunked(b"zz\r\n" + BODY + b"\r\n0\r\n\r\n"))
add(g, "size-negative", chunked(b"-1\r\n" + BODY + b"\r\n0\r\n\r\n"))
add(g, "size-overflow", chunked(b"ffffffffffffffffffff\r\n" + BODY + b"\r\n0\r\n\r\n"))
add(g, "size-0x-prefix", chunked(b"0x1d\r\n" + BODY + b"\r\n0\r\n\r\n"))
add(g, "size-leading-space", chunked(b" 1d\r\n" + BODY + b"\r\n0\r\n\r\n"))
add(g, "size-trailing-space", chunked(b"1d \r\n" + BODY + b"\r\n0\r\n\r\n"))
add(g, "size-empty", chunked(b"\r\n" + BODY + b"\r\n0\r\n\r\n"))
add(g, "extension-then-bad-credentials", chunked(b"1d;ext=\"v\"\r\n" + BODY + b"\r\n0\r\n\r\n"))
add(g, "extension-huge", chunked(b"1d;" + b"e" * 100_000 + b"\r\n" + BODY + b"\r\n0\r\n\r\n"))
add(g, "data-missing-crlf", chunked(b"1d\r\n" + BODY + b"0\r\n\r\n"))
add(g, "bare-lf-framing", chunked(b"1d\n" + BODY + b"\n0\n\n"))
add(g, "no-last-chunk", chunked(b"1d\r\n" + BODY + b"\r\n"), "close")
add(g, "last-chunk-without-final-crlf", chunked(b"1d\r\n" + BODY + b"\r\n0\r\n"), "close")
add(g, "trailer-injection", chunked(b"1d\r\n" + BODY + b"\r\n0\r\nX-Injected: gatehouse\r\nAuthorization: Basic {{BASIC_AUTH}}\r\n\r\n"))
add(g, "many-tiny-chunks", chunked(b"".join(b"1\r\n" + bytes([c]) + b"\r\n" for c in BODY) * 1 + b"1\r\n&\r\n" * 5000 + b"0\r\n\r\n"))
add(g, "te-twice", chunked(b"1d\r\n" + BODY + b"\r\n0\r\n\r\n", extra=["Transfer-Encoding: chunked"]))
add(g, "te-chunked-chunked", chunked(b"1d\r\n" + BODY + b"\r\n0\r\n\r\n", te="Transfer-Encoding: chunked, chunked"))
add(g, "te-unknown-coding", chunked(b"1d\r\n" + BODY + b"\r\n0\r\n\r\n", te="Transfer-Encoding: xchunked"))
add(g, "te-gzip-only", chunked(BODY, te="Transfer-Encoding: gzip"))
add(g, "te-chunked-not-last", chunked(b"1d\r\n" + BODY + b"\r\n0\r\n\r\n", te="Transfer-Encoding: chunked, identity"))
add(g, "te-http10", chunked(b"1d\r\n" + BODY + b"\r\n0\r\n\r\n").replace(b"HTTP/1.1", b"HTTP/1.0", 1))
add(g, "notes-chunked-json-lying", chunked(b"40\r\n{\"text\":\"hello\"}\r\n0\r\n\r\n", target="/api/notes", extra=["Authorization: Bearer {{ACCESS_TOKEN}}"]).replace(b(FORM), b"application/json"), "close")

# --------------------------------------------------------------------------------------------
# smuggle: request smuggling pairs (RFC 9112 §6.1, §6.3) and framing ambiguities
# --------------------------------------------------------------------------------------------
g = "smuggle"
SMUGGLED = b"GET /api/me HTTP/1.1\r\nHost: {{HOST}}\r\nX-Smuggled: 1\r\n\r\n"


def framed(headers, body, target="/oauth/token"):
    return b"POST " + b(target) + b" HTTP/1.1\r\nHost: {{HOST}}\r\nContent-Type: " + b(FORM) + b"\r\n" + b"".join(b(h) + b"\r\n" for h in headers) + b"\r\n" + b(body)


add(g, "cl-te", framed(["Content-Length: 6", "Transfer-Encoding: chunked"], b"0\r\n\r\nG"))
add(g, "te-cl", framed(["Transfer-Encoding: chunked", "Content-Length: 4"], b"5c\r\nGPOST / HTTP/1.1\r\n\r\n0\r\n\r\n"))
add(g, "cl-te-smuggled-request", framed(["Content-Length: 5", "Transfer-Encoding: chunked"], b"0\r\n\r\n" + SMUGGLED))
add(g, "te-space-before-colon", framed(["Content-Length: 5", "Transfer-Encoding : chunked"], b"0\r\n\r\n" + SMUGGLED))
add(g, "te-tab-value", framed(["Content-Length: 5", "Transfer-Encoding:\tchunked"], b"0\r\n\r\n" + SMUGGLED))
add(g, "te-obs-fold", framed(["Content-Length: 5", "Transfer-Encoding:", " chunked"], b"0\r\n\r\n" + SMUGGLED))
add(g, "te-mixed-case", framed(["Content-Length: 5", "Transfer-encoding: cHuNkEd"], b"0\r\n\r\n" + SMUGGLED))
add(g, "te-quoted", framed(["Content-Length: 5", 'Transfer-Encoding: "chunked"'], b"0\r\n\r\n" + SMUGGLED))
add(g, "te-x-prefixed", framed(["Content-Length: 5", "Transfer-Encoding: x, chunked"], b"0\r\n\r\n" + SMUGGLED))
add(g, "te-vertical-tab", framed(["Content-Length: 5", b"Transfer-Encoding:\x0bchunked"], b"0\r\n\r\n" + SMUGGLED))
add(g, "te-null-suffix", framed(["Content-Length: 5", b"Transfer-Encoding: chunked\x00"], b"0\r\n\r\n" + SMUGGLED))
add(g, "two-content-lengths-differ", framed(["Content-Length: 5", "Content-Length: 90"], b"grant" + SMUGGLED))
add(g, "two-content-lengths-same", framed([BASIC, "Content-Length: 29", "Content-Length: 29", "Connection: close"], BODY.replace(b"client_credentials", b"bogus_grant_type!!")))
add(g, "content-length-list", framed(["Content-Length: 5, 90"], b"grant" + SMUGGLED))
add(g, "content-length-plus", framed(["Content-Length: +5"], b"grant" + SMUGGLED))
add(g, "content-length-hex", framed(["Content-Length: 0x5"], b"grant" + SMUGGLED))
add(g, "content-length-negative", framed(["Content-Length: -5"], b"grant" + SMUGGLED))
add(g, "content-length-overflow", framed(["Content-Length: 99999999999999999999999"], b"grant" + SMUGGLED))
add(g, "content-length-letters", framed(["Content-Length: 5a"], b"grant" + SMUGGLED))
add(g, "content-length-empty", framed(["Content-Length:"], b"grant" + SMUGGLED))
add(g, "content-length-obs-fold", framed(["Content-Length:", " 5"], b"grant" + SMUGGLED))
add(g, "content-length-space-before-colon", framed(["Content-Length : 5"], b"grant" + SMUGGLED))
add(g, "content-length-longer-than-body", framed(["Content-Length: 100"], b"grant_type=client_credentials"), "close")
add(g, "obs-fold-ordinary-header", framed([BASIC, "X-Folded: a", " b", "Content-Length: 5", "Connection: close"], b"grant"))
add(g, "obs-fold-host", b"GET /api/me HTTP/1.1\r\nHost:\r\n {{HOST}}\r\nConnection: close\r\n\r\n")
add(g, "get-with-body-smuggled", b"GET /api/me HTTP/1.1\r\nHost: {{HOST}}\r\nContent-Length: " + b"%d" % len(SMUGGLED) + b"\r\n\r\n" + SMUGGLED)
add(g, "cl0-pipelined-unauthenticated", framed(["Content-Length: 0"], b"") + SMUGGLED)
add(g, "upgrade-h2c", request("GET", "/api/me", ["Connection: Upgrade, HTTP2-Settings", "Upgrade: h2c", "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA"], close=False))
add(g, "upgrade-websocket", request("GET", "/api/me", ["Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="], close=False))
add(g, "connection-close-then-pipelined", request("GET", "/api/me") + SMUGGLED)

# --------------------------------------------------------------------------------------------
# complexity: inputs that are cheap to send and must stay cheap to refuse (no quadratic paths)
# --------------------------------------------------------------------------------------------
g = "complexity"


def short_name(index):
    chars = "abcdefghijklmnopqrstuvwxyz0123456789"
    out = ""
    while True:
        out = chars[index % 36] + out
        index //= 36
        if index == 0:
            return out


REPEATED = "&".join(f"{short_name(i)}=&{short_name(i)}=" for i in range(40_000))
add(g, "token-40k-distinct-repeated-names", request("POST", "/oauth/token", [BASIC], ctype=FORM, body="grant_type=client_credentials&" + REPEATED))
add(g, "authorize-post-40k-distinct-repeated-names", request("POST", b"/oauth/authorize?" + authorize_query(), [SESSION], ctype=FORM, body="csrf_token={{CSRF}}&confirm=yes&" + REPEATED), "redirect")
add(g, "oauth1-initiate-40k-distinct-oauth-names", request("POST", "/oauth1/initiate", ctype=FORM, body="&".join(f"oauth_{short_name(i)}=" for i in range(40_000))))
add(g, "oauth1-token-40k-signed-body-names", request("POST", "/oauth1/token", [oauth1_header(secret2="{{OAUTH1_TEMP_SECRET}}", oauth_token="{{OAUTH1_TEMP_TOKEN}}", oauth_verifier="wrong")], ctype=FORM, body="&".join(f"x{short_name(i)}=&x{short_name(i)}=" for i in range(20_000))))
add(g, "token-scope-50k-distinct-words", request("POST", "/oauth/token", [BASIC], ctype=FORM, body="grant_type=client_credentials&scope=" + "+".join(short_name(i) for i in range(50_000))))
add(g, "token-100k-empty-pairs", request("POST", "/oauth/token", [BASIC], ctype=FORM, body="&" * 100_000 + "grant_type=nope"))
add(g, "token-50k-escapes", request("POST", "/oauth/token", [BASIC], ctype=FORM, body="grant_type=" + "%41" * 50_000))
add(g, "notes-json-20k-keys", request("POST", "/api/notes", [BEARER], ctype="application/json", body="{" + ",".join(f'"{short_name(i)}":0' for i in range(20_000)) + ',"text":1}'))
add(g, "pipelined-2000-requests", b"".join(request("GET", "/api/me", close=False) for _ in range(1999)) + request("GET", "/api/me"))

# --------------------------------------------------------------------------------------------
# method: methods a route does not take
# --------------------------------------------------------------------------------------------
g = "method"
for method, target in [("TRACE", "/"), ("TRACK", "/"), ("PUT", "/oauth/token"), ("DELETE", "/api/notes"), ("PATCH", "/clients"),
                       ("OPTIONS", "/oauth/token"), ("GET", "/oauth1/initiate"), ("GET", "/oauth/revoke"), ("HEAD", "/api/me"),
                       ("PROPFIND", "/"), ("POST", "/.well-known/oauth-authorization-server")]:
    add(g, f"{method.lower()}-{target.strip('/').replace('/', '-').replace('.', '') or 'root'}", request(method, target, ["Content-Length: 0"] if method in ("PUT", "PATCH", "POST") else []))


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    names = set()
    for number, (group, name, data, expect) in enumerate(cases, start=1):
        filename = f"{number:03d}-{group}-{name}" + (f".{expect}" if expect else "") + ".http"
        assert filename not in names, filename
        names.add(filename)
        with open(os.path.join(OUT, filename), "wb") as handle:
            handle.write(data)
    counts = {}
    for group, _, _, expect in cases:
        counts.setdefault(group, [0, 0])
        counts[group][0] += 1
        counts[group][1] += 1 if expect else 0
    for group, (total, exceptions) in counts.items():
        print(f"{group:14} {total:4} cases ({exceptions} with an explicit expectation)")
    print(f"{'total':14} {len(cases):4} cases")


if __name__ == "__main__":
    main()
