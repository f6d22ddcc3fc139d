public import OAuthClient

/// An OAuth 2 session takes a remote app's compliance fix.
extension OAuth2Session: ClientSession {}
