// The OAuth 2 core meets HTTP through the shared seam (`OAuth2Response` names `OAuthHTTPResponse`):
// importing OAuth2 brings it, so a response's status, fields and body need no extra import.
@_exported import OAuthHTTP
