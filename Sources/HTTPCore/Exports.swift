// HTTPCore's API speaks swift-http-types (`HTTPRequest.Method`, `HTTPResponse.Status`,
// `HTTPField.Name`): importing HTTPCore brings them, as Hummingbird does.
@_exported import HTTPTypes
