// The HTTP vocabulary of the session API (swift-http-types, which HTTPCore, Hummingbird and
// Vapor's bridge speak too), re-exported so that
// `session.request(.get, url, headers: [.accept: "application/json"])` needs no extra import.
@_exported import HTTPTypes
