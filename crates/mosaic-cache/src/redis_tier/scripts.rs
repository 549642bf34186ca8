//! The Lua scripts behind the L2 tier, each run atomically by Redis, so no invalidation can
//! slip between a check and what depends on it.
//!
//! The keys under the tier's prefix `p`:
//! - `p:e`: the epoch, a counter every invalidation through any replica increments;
//! - `p:t:<tag>`: the epoch a tag was last invalidated at, kept as long as any entry lives;
//! - `p:a:<sha-256 of the cache key>`: an entry, a hash of `d` (the encoded answer), `s` (the
//!   epoch its fetch started at, or the replica looked it up at) and `g` (its tags, JSON);
//! - `p:invalidations`: the channel invalidations are announced on, and `p:acks:<replica>`
//!   the one each replica hears the acknowledgements of its own on (`acks.rs`).
//!
//! An entry is valid while none of its tags was invalidated after its `s`: the cache's ledger
//! rule (`ledger.rs`), with the epochs kept where every replica sees them. The scripts name the
//! tag records they read from their arguments, so the tier runs on one Redis (or a primary
//! with replicas), not on Redis Cluster.

use redis::Script;
use std::sync::LazyLock;

/// `KEYS[1]` the entry; `ARGV[1]` the tag record prefix. Returns the encoded answer, or nil
/// when absent or outdated (then the entry is deleted).
pub(crate) static GET: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local entry = redis.call('HMGET', KEYS[1], 'd', 's', 'g')
if not entry[1] then return false end
local started = tonumber(entry[2]) or -1
for _, tag in ipairs(cjson.decode(entry[3] or '[]')) do
  local invalidated = tonumber(redis.call('GET', ARGV[1] .. tag) or '-1')
  if invalidated > started then
    redis.call('DEL', KEYS[1])
    return false
  end
end
return entry[1]
",
    )
});

/// `KEYS[1]` the entry, `KEYS[2]` the epoch; `ARGV`: tag record prefix, the epoch the fetch
/// started at, the encoded answer, its tags (JSON), its lifetime in milliseconds. Returns 1
/// when kept, 0 when a tag was invalidated after the fetch started, or when the epoch is
/// behind the fetch's (Redis lost its data meanwhile, and with it the records to check).
pub(crate) static PUT: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local started = tonumber(ARGV[2])
if started > tonumber(redis.call('GET', KEYS[2]) or '0') then return 0 end
for _, tag in ipairs(cjson.decode(ARGV[4])) do
  local invalidated = tonumber(redis.call('GET', ARGV[1] .. tag) or '-1')
  if invalidated > started then return 0 end
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'd', ARGV[3], 's', ARGV[2], 'g', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
",
    )
});

/// `KEYS[1]` the epoch; `ARGV`: tag record prefix, how long records are kept (milliseconds),
/// the channel, the announcement, then the tags. Starts a new epoch, records it for every tag
/// and announces it; returns the new epoch and how many subscribers heard the announcement
/// (each of which acknowledges it, `acks.rs`).
pub(crate) static INVALIDATE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local epoch = redis.call('INCR', KEYS[1])
for i = 5, #ARGV do
  redis.call('SET', ARGV[1] .. ARGV[i], epoch, 'PX', ARGV[2])
end
local heard = redis.call('PUBLISH', ARGV[3], ARGV[4])
return {epoch, heard}
",
    )
});
