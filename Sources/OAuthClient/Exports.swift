@_exported import struct NIOHTTP1.HTTPHeaders
// The HTTP vocabulary of the session API (AsyncHTTPClient's own), re-exported so that
// `session.request(.GET, url, headers: ["Accept": "application/json"])` needs no extra import.
@_exported import enum NIOHTTP1.HTTPMethod
