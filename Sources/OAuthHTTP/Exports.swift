// The seam's API speaks swift-http-types (`HTTPRequest`, `HTTPFields`, `HTTPResponse.Status`):
// importing it brings them, as HTTPCore does.
@_exported import HTTPTypes
