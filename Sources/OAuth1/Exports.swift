// The OAuth 1 core meets HTTP through the shared seam (`OAuth1Response` names `OAuthHTTPResponse`):
// importing OAuth1 brings it, so a response's status, fields and body need no extra import.
@_exported import OAuthHTTP
