extension String {
    /// Runs `body` with the string's UTF-8 bytes in contiguous memory, without copying a native
    /// string (small strings are copied to the stack by the standard library).
    ///
    /// Unlike `withUTF8`, it needs no `var`; unlike iterating `utf8`, the bytes are read through a
    /// pointer, which the hot paths of request parsing and signing need: a byte-wise walk of
    /// `String.UTF8View` goes through the view's index logic on every byte.
    ///
    /// ```swift
    /// let count = "oauth_nonce".withContiguousUTF8 { $0.count }   // 11
    /// ```
    @inlinable
    public func withContiguousUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
