import FoundationEssentials

/// Lists (redirect URIs, grant types) kept in one `TEXT` column as a JSON array, the same on both engines.
enum StringListColumn {
    static func encode(_ values: [String]) -> String {
        guard let data = try? JSONEncoder().encode(values) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}
