// What a provider app touches, re-exported so `import OAuthMiddleware` is enough.
@_exported import GatehouseCommon
@_exported import GatehouseOperations
@_exported import HTTPCore
@_exported import OAuth1
@_exported import OAuth2
@_exported import OAuthClient
@_exported import OAuthIntegration
