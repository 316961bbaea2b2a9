//! When a client may send its next request: its rate limit and the hold a 429 puts on every
//! call of the client, as pure state. Time is passed in (milliseconds, as `Date.now()` gives
//! them) and a wait comes out; the wasm transport does the waiting (a JS timer), so this is
//! tested here without a runtime.
//!
//! Requests go in order: one that cannot go at once joins the line ([`Pace::join`]) and only
//! the first in line may go; one that gives up ([`Pace::leave`]) takes nothing. A waiting
//! request holds no slot.

use std::collections::VecDeque;

/// How many requests a client may send, and how they are counted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rule {
    /// `per_second` on average with bursts of `burst` (a token bucket): `rateLimit`.
    Bucket { per_second: f64, burst: f64 },
    /// At most `limit` requests in any `window_ms`, counted where a gateway counts them, when
    /// they reach it: Maton's 10 a second. A request reaches the gateway some time between
    /// being sent and being answered, so it holds a place from when it is sent until
    /// `window_ms` after its answer ([`Pace::release`]): however the network delays requests,
    /// no window the gateway sees can hold more than `limit`. Spacing departures evenly was not
    /// enough (bench/NOTES.md, section "The gateway's window").
    Window { limit: u32, window_ms: f64 },
}

/// Maton's documented limit: 10 requests a second per account, 429 above it (its gateway
/// skill's "Rate Limits"): the pace of a client of the gateway unless it sets `rateLimit`.
pub const MATON: Rule = Rule::Window { limit: 10, window_ms: 1000.0 };

/// A place in a [`Rule::Window`], given back by [`Pace::release`]; a bucket's token is spent
/// when taken and has none.
pub type Place = Option<u32>;

/// A place of a window: when its request was answered (`None` while it is out).
#[derive(Clone, Copy, Debug)]
struct Held {
    id: u32,
    answered: Option<f64>,
}

#[derive(Debug)]
enum Count {
    None,
    Bucket { interval_ms: f64, burst: f64, tokens: f64, stamp: f64 },
    Window { limit: usize, window_ms: f64, held: Vec<Held>, next_id: u32 },
}

/// What the first in line is to do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Turn {
    /// Send now, holding this place (give it back with [`Pace::release`] once answered).
    Go(Place),
    /// Wait until this time, or until woken (something was given back).
    Until(f64),
    /// Wait until woken: every place is out, and one comes free only when answered.
    Woken,
}

/// A client's pace: its rule, the hold of a 429 and the line of waiting requests.
#[derive(Debug)]
pub struct Pace {
    count: Count,
    /// No request leaves before this time (a 429 said the account is over its limit).
    hold_until: f64,
    line: VecDeque<u32>,
    next_ticket: u32,
}

impl Pace {
    /// A pace with `rule` (none: only a 429's hold), started at `now`.
    pub fn new(rule: Option<Rule>, now: f64) -> Pace {
        let count = match rule {
            None => Count::None,
            Some(Rule::Bucket { per_second, burst }) => Count::Bucket { interval_ms: 1000.0 / per_second, burst, tokens: burst, stamp: now },
            Some(Rule::Window { limit, window_ms }) => Count::Window { limit: limit as usize, window_ms, held: Vec::new(), next_id: 0 },
        };
        Pace { count, hold_until: 0.0, line: VecDeque::new(), next_ticket: 0 }
    }

    /// After a 429: nothing leaves for `ms` from `now` (a longer hold already set stands).
    pub fn hold(&mut self, now: f64, ms: f64) {
        if ms > 0.0 {
            self.hold_until = self.hold_until.max(now + ms);
        }
    }

    /// A place now if no one waits and the rule allows one: the common case, without a line.
    pub fn take(&mut self, now: f64) -> Option<Place> {
        if !self.line.is_empty() {
            return None;
        }
        match self.turn_now(now) {
            Turn::Go(place) => Some(place),
            _ => None,
        }
    }

    /// Joins the end of the line; the ticket is asked about with [`Pace::turn`].
    pub fn join(&mut self) -> u32 {
        let ticket = self.next_ticket;
        self.next_ticket = self.next_ticket.wrapping_add(1);
        self.line.push_back(ticket);
        ticket
    }

    /// The first in line (the one to wake when something changes), if any.
    pub fn first(&self) -> Option<u32> {
        self.line.front().copied()
    }

    /// What `ticket` is to do at `now`; on [`Turn::Go`] it has left the line, and the new
    /// first in line should be woken (it may go too).
    pub fn turn(&mut self, ticket: u32, now: f64) -> Turn {
        if self.first() != Some(ticket) {
            return Turn::Woken;
        }
        let turn = self.turn_now(now);
        if let Turn::Go(_) = turn {
            self.line.pop_front();
        }
        turn
    }

    /// A ticket that gave up (its timeout, its signal) leaves the line, taking nothing.
    pub fn leave(&mut self, ticket: u32) {
        self.line.retain(|t| *t != ticket);
    }

    /// `place`'s request was answered (or failed) at `at`: its window starts to run out.
    pub fn release(&mut self, place: Place, at: f64) {
        if let (Count::Window { held, .. }, Some(id)) = (&mut self.count, place) {
            if let Some(h) = held.iter_mut().find(|h| h.id == id && h.answered.is_none()) {
                h.answered = Some(at);
            }
        }
    }

    /// What the first in line may do now, taking the place if it may go.
    fn turn_now(&mut self, now: f64) -> Turn {
        if now < self.hold_until {
            return Turn::Until(self.hold_until);
        }
        match &mut self.count {
            Count::None => Turn::Go(None),
            Count::Bucket { interval_ms, burst, tokens, stamp } => {
                *tokens = (*burst).min(*tokens + (now - *stamp) / *interval_ms);
                *stamp = now;
                if *tokens >= 1.0 {
                    *tokens -= 1.0;
                    Turn::Go(None)
                } else {
                    Turn::Until(now + (1.0 - *tokens) * *interval_ms)
                }
            }
            Count::Window { limit, window_ms, held, next_id } => {
                let window = *window_ms;
                // Places whose window has passed are free again.
                held.retain(|h| h.answered.is_none_or(|at| at + window > now));
                if held.len() < *limit {
                    let id = *next_id;
                    *next_id = next_id.wrapping_add(1);
                    held.push(Held { id, answered: None });
                    return Turn::Go(Some(id));
                }
                // The first place to come free by time; places still out come free on release.
                match held.iter().filter_map(|h| h.answered).reduce(f64::min) {
                    Some(at) => Turn::Until(at + window),
                    None => Turn::Woken,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sends as the transport does: `n` requests asked for at `now`, each either going at once
    /// or joining the line; returns the places taken and the tickets waiting.
    fn ask(pace: &mut Pace, n: usize, now: f64) -> (Vec<Place>, Vec<u32>) {
        let (mut went, mut waiting) = (Vec::new(), Vec::new());
        for _ in 0..n {
            match pace.take(now) {
                Some(place) => went.push(place),
                None => waiting.push(pace.join()),
            }
        }
        (went, waiting)
    }

    #[test]
    fn without_a_rule_only_a_hold_waits() {
        let mut pace = Pace::new(None, 0.0);
        assert_eq!(pace.take(0.0), Some(None));
        pace.hold(100.0, 1000.0);
        pace.hold(200.0, 500.0); // a shorter hold does not cut the first
        assert_eq!(pace.take(900.0), None);
        let ticket = pace.join();
        assert_eq!(pace.turn(ticket, 900.0), Turn::Until(1100.0));
        assert_eq!(pace.turn(ticket, 1100.0), Turn::Go(None));
        assert_eq!(pace.first(), None);
    }

    #[test]
    fn a_bucket_spaces_requests_after_its_burst() {
        let mut pace = Pace::new(Some(Rule::Bucket { per_second: 4.0, burst: 2.0 }), 0.0);
        let (went, waiting) = ask(&mut pace, 4, 0.0);
        assert_eq!((went.len(), waiting.len()), (2, 2));
        assert_eq!(pace.turn(waiting[0], 0.0), Turn::Until(250.0));
        assert_eq!(pace.turn(waiting[1], 0.0), Turn::Woken, "only the first in line is told a time");
        assert_eq!(pace.turn(waiting[0], 250.0), Turn::Go(None));
        assert_eq!(pace.turn(waiting[1], 250.0), Turn::Until(500.0));
        assert_eq!(pace.turn(waiting[1], 500.0), Turn::Go(None));
        // Idle time refills the bucket up to its burst, no further.
        assert_eq!(ask(&mut pace, 3, 10_000.0).0.len(), 2);
    }

    #[test]
    fn a_window_counts_a_place_until_a_window_after_its_answer() {
        let mut pace = Pace::new(Some(Rule::Window { limit: 2, window_ms: 1000.0 }), 0.0);
        let (went, waiting) = ask(&mut pace, 3, 0.0);
        assert_eq!(went, [Some(0), Some(1)]);
        assert_eq!(pace.turn(waiting[0], 5000.0), Turn::Woken, "both places are out: only an answer frees one");
        pace.release(went[0], 5000.0);
        assert_eq!(pace.turn(waiting[0], 5500.0), Turn::Until(6000.0));
        assert_eq!(pace.turn(waiting[0], 6000.0), Turn::Go(Some(2)));
    }

    #[test]
    fn no_window_ever_holds_more_than_the_limit() {
        // Requests answered after varied delays; every departure checked against every answer.
        let mut pace = Pace::new(Some(MATON), 0.0);
        let mut out: Vec<(Place, f64, f64)> = Vec::new(); // place, sent, answered
        let mut now = 0.0;
        for i in 0..200u32 {
            let latency = f64::from(i * 37 % 400);
            let place = loop {
                if let Some(place) = pace.take(now) {
                    break place;
                }
                let ticket = pace.join();
                pace.leave(ticket); // re-asked below, a ms later
                for (p, _, answered) in &out {
                    if *answered <= now {
                        pace.release(*p, *answered);
                    }
                }
                now += 1.0;
            };
            out.push((place, now, now + latency));
        }
        // The requests that may have reached the gateway within the second from `t`.
        let in_second = |t: f64| out.iter().filter(|(_, sent, answered)| *sent <= t + 1000.0 && *answered > t).count();
        let busiest = (0..now as u32 + 1000).step_by(10).map(|t| in_second(f64::from(t))).max();
        assert_eq!(busiest, Some(10));
    }

    #[test]
    fn one_who_leaves_takes_nothing_and_the_next_is_first() {
        let mut pace = Pace::new(Some(Rule::Bucket { per_second: 1.0, burst: 1.0 }), 0.0);
        let (_, waiting) = ask(&mut pace, 4, 0.0);
        pace.leave(waiting[0]);
        assert_eq!(pace.first(), Some(waiting[1]));
        assert_eq!(pace.turn(waiting[1], 1000.0), Turn::Go(None));
        assert_eq!(pace.turn(waiting[2], 1000.0), Turn::Until(2000.0));
    }

    #[test]
    fn a_hold_stops_the_line_too() {
        let mut pace = Pace::new(Some(MATON), 0.0);
        let (_, waiting) = {
            pace.hold(0.0, 3000.0);
            ask(&mut pace, 1, 0.0)
        };
        assert_eq!(pace.turn(waiting[0], 10.0), Turn::Until(3000.0));
        assert_eq!(pace.turn(waiting[0], 3000.0), Turn::Go(Some(0)));
    }
}
