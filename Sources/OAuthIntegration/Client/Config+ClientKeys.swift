public import GatehouseConfig

extension Config.Key {
    /// `AUTHLIB_OAUTH_CLIENTS`: the Django-style dictionary of remote apps, name → settings
    /// (`client_id`, `client_secret`, `access_token_url`, ...). Nested keys reach into it, so
    /// `AUTHLIB_OAUTH_CLIENTS_TWITTER_CLIENT_ID` in the environment is `twitter.client_id`.
    public static let authlibOAuthClients = Config.Key("AUTHLIB_OAUTH_CLIENTS")
}
