//! Addresses the configuration names (`trusted_proxies`, `[metrics] allow_from`), and the client
//! a request comes from behind those proxies.

use std::net::IpAddr;

use ipnet::IpNet;

/// An entry of an address list that is neither an address nor a CIDR range.
#[derive(Debug, thiserror::Error)]
#[error("{setting}: {entry:?} is neither an IP address nor a CIDR range (10.0.0.0/8, fd00::/8)")]
pub struct AddressListError {
    /// The setting that holds it.
    pub setting: &'static str,
    /// The entry.
    pub entry: String,
}

/// Addresses and CIDR ranges, as a setting lists them.
#[derive(Debug, Clone, Default)]
pub struct AddressList(Vec<IpNet>);

impl AddressList {
    /// Reads `entries` (`192.0.2.7`, `10.0.0.0/8`, `::1`) of the setting named `setting`.
    pub fn parse(setting: &'static str, entries: &[String]) -> Result<Self, AddressListError> {
        entries
            .iter()
            .map(|entry| {
                let entry = entry.trim();
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| AddressListError {
                        setting,
                        entry: entry.to_owned(),
                    })
            })
            .collect::<Result<_, _>>()
            .map(AddressList)
    }

    /// Whether `ip` is one of the addresses or in one of the ranges (an IPv4 address written as
    /// IPv6, `::ffff:192.0.2.7`, counts as the IPv4 one).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The client of a request that reached the server from `peer`: the peer itself, unless the peer
/// is a trusted proxy. Then `X-Forwarded-For` (every value, in order) is read from the right, past
/// the trusted proxies, and the first address that is not one is the client; the leftmost entries
/// are written by whoever sent the request and are never believed on their own. An entry that is
/// not an address ends the walk at the last proxy.
pub fn client_address<'a>(
    peer: IpAddr,
    forwarded_for: impl IntoIterator<Item = &'a str>,
    trusted_proxies: &AddressList,
) -> IpAddr {
    if !trusted_proxies.contains(peer) {
        return peer.to_canonical();
    }
    let hops: Vec<&str> = forwarded_for
        .into_iter()
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer.to_canonical();
    for hop in hops.into_iter().rev() {
        let Ok(ip) = hop.parse::<IpAddr>() else {
            break;
        };
        client = ip.to_canonical();
        if !trusted_proxies.contains(client) {
            break;
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn list(entries: &[&str]) -> AddressList {
        let entries: Vec<String> = entries.iter().map(|e| (*e).to_owned()).collect();
        AddressList::parse("trusted_proxies", &entries).expect("valid")
    }

    #[test]
    fn addresses_and_ranges_are_read_and_bad_entries_named() {
        let proxies = list(&["10.0.0.0/8", "192.0.2.7", "fd00::/8"]);
        assert!(proxies.contains(ip("10.1.2.3")));
        assert!(proxies.contains(ip("192.0.2.7")));
        assert!(proxies.contains(ip("::ffff:192.0.2.7")));
        assert!(proxies.contains(ip("fd00::1")));
        assert!(!proxies.contains(ip("192.0.2.8")));
        let error = AddressList::parse("trusted_proxies", &["10.0.0.0/33".into()])
            .expect_err("not a range");
        assert!(error.to_string().contains("\"10.0.0.0/33\""), "{error}");
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies_and_read_from_the_right() {
        let proxies = list(&["10.0.0.0/8"]);
        // Straight from a client: its header is its own invention.
        assert_eq!(
            client_address(ip("203.0.113.9"), ["198.51.100.1"], &proxies),
            ip("203.0.113.9")
        );
        // Through our proxy: the client wrote the leftmost entry, the proxy appended the address
        // it saw.
        assert_eq!(
            client_address(ip("10.0.0.2"), ["1.2.3.4, 203.0.113.9"], &proxies),
            ip("203.0.113.9")
        );
        // Two proxies of ours, over two header lines.
        assert_eq!(
            client_address(
                ip("10.0.0.2"),
                ["1.2.3.4, 203.0.113.9", "10.0.0.5"],
                &proxies
            ),
            ip("203.0.113.9")
        );
        // Without a header, or with garbage, the proxy is what can be known.
        assert_eq!(client_address(ip("10.0.0.2"), [], &proxies), ip("10.0.0.2"));
        assert_eq!(
            client_address(ip("10.0.0.2"), ["not-an-address"], &proxies),
            ip("10.0.0.2")
        );
        // No trusted proxies: the header is ignored.
        assert_eq!(
            client_address(ip("10.0.0.2"), ["203.0.113.9"], &AddressList::default()),
            ip("10.0.0.2")
        );
    }
}
