public import OAuthClient

/// An OAuth 1 session takes a remote app's compliance fix.
extension OAuth1Session: ClientSession {}
