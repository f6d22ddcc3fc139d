import HTTPTypes

extension HTTPFields {
    /// Appends `name: value`, dropping a field whose name is not a valid token (as the HTTP layer
    /// always has); the value is legalised by `HTTPField`.
    mutating func append(_ name: String, _ value: String) {
        if let name = HTTPField.Name(name) { append(HTTPField(name: name, value: value)) }
    }
}
