import GatehouseCommon
public import GatehouseConfig
public import GatehouseOperations

extension Config.Key {
    /// `GATEHOUSE_THROTTLE_FAILURES_PER_ADDRESS`: failed guesses from one client address before back-off (default 20).
    public static let throttleFailuresPerAddress = Config.Key("GATEHOUSE_THROTTLE_FAILURES_PER_ADDRESS")
    /// `GATEHOUSE_THROTTLE_FAILURES_PER_ACCOUNT`: failed guesses for one account before back-off (default 10).
    public static let throttleFailuresPerAccount = Config.Key("GATEHOUSE_THROTTLE_FAILURES_PER_ACCOUNT")
    /// `GATEHOUSE_THROTTLE_MAX_DELAY_PER_ADDRESS`: the longest wait of one address, seconds (default 900).
    public static let throttleMaxDelayPerAddress = Config.Key("GATEHOUSE_THROTTLE_MAX_DELAY_PER_ADDRESS")
    /// `GATEHOUSE_THROTTLE_MAX_DELAY_PER_ACCOUNT`: the longest wait of one account, seconds (default 60).
    public static let throttleMaxDelayPerAccount = Config.Key("GATEHOUSE_THROTTLE_MAX_DELAY_PER_ACCOUNT")
    /// `GATEHOUSE_THROTTLE_BASE_DELAY`: the first wait once the free failures are used up, seconds,
    /// doubled per further failure (default 1).
    public static let throttleBaseDelay = Config.Key("GATEHOUSE_THROTTLE_BASE_DELAY")
    /// `GATEHOUSE_THROTTLE_FORGET_AFTER`: seconds after the last failure when counts start over (default 3600).
    public static let throttleForgetAfter = Config.Key("GATEHOUSE_THROTTLE_FORGET_AFTER")
}

extension Throttle.Rules {
    /// The rules `config` describes (the `GATEHOUSE_THROTTLE_*` keys), ``/GatehouseOperations/Throttle/Rules/standard`` for what it leaves out.
    ///
    /// - Throws: ``/GatehouseConfig/ConfigError`` for a value that is not a positive integer.
    public init(config: Config) throws {
        let standard = Throttle.Rules.standard
        func positive(_ key: Config.Key, _ fallback: Int) throws -> Int {
            guard let value = try config.int(key) else { return fallback }
            guard value > 0 else { throw ConfigError.invalidValue(key: key, expected: "a positive integer", found: String(value)) }
            return value
        }
        let forget = try positive(.throttleForgetAfter, standard.perAddress.forgetAfter)
        let baseDelay = try config.int(.throttleBaseDelay) == nil ? nil : try positive(.throttleBaseDelay, 1)
        self.init(
            perAddress: ThrottlePolicy(
                freeFailures: try positive(.throttleFailuresPerAddress, standard.perAddress.freeFailures),
                baseDelay: baseDelay ?? standard.perAddress.baseDelay,
                maxDelay: try positive(.throttleMaxDelayPerAddress, standard.perAddress.maxDelay),
                forgetAfter: forget
            ),
            perAccount: ThrottlePolicy(
                freeFailures: try positive(.throttleFailuresPerAccount, standard.perAccount.freeFailures),
                baseDelay: baseDelay ?? standard.perAccount.baseDelay,
                maxDelay: try positive(.throttleMaxDelayPerAccount, standard.perAccount.maxDelay),
                forgetAfter: forget
            )
        )
    }
}

extension Throttle {
    /// The same throttle with the rules `config` describes.
    func configured(by config: Config) throws -> Throttle {
        Throttle(name: name, counter: counter, rules: try Rules(config: config), clock: clock, audit: audit)
    }
}
