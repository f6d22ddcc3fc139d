// The app's settings (`Config`) live in GatehouseConfig, shared with the integration layer.
@_exported import GatehouseConfig
// HTTPCore's API speaks swift-http-types (`HTTPRequest.Method`, `HTTPResponse.Status`,
// `HTTPField.Name`): importing HTTPCore brings them, as Hummingbird does.
@_exported import HTTPTypes
