/// `n` and `noun`, made plural unless `n` is 1: "1 warning", "2 warnings", "0 pages". A noun
/// whose plural is not an added "s" names it: `counted(n, "match", "matches")`.
public func counted(_ n: Int, _ noun: String, _ plural: String? = nil) -> String {
    "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
}
