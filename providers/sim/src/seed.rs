//! The deterministic demo data a new dataset starts with: five repositories with branches,
//! files, commits, issues and pull requests; their pipelines and runs with logs; two
//! knowledge-base spaces; three projects with work items in every state. The same seed
//! always gives the same ids, SHAs and timestamps.

mod ci;
mod git;
mod kb;
mod pm;
mod repos;

use super::dataset::State;

/// A dataset holding the seed data.
pub(crate) fn state() -> State {
    let mut state = State::default();
    git::seed(&mut state);
    ci::seed(&mut state);
    kb::seed(&mut state);
    pm::seed(&mut state);
    state
}

/// The people of the seed data: login, display name, e-mail.
const PEOPLE: [(&str, &str, &str); 5] = [
    ("ana", "Ana Souza", "ana@acme.dev"),
    ("ben", "Ben Okafor", "ben@acme.dev"),
    ("chloe", "Chloé Martin", "chloe@acme.dev"),
    ("dmitri", "Dmitri Volkov", "dmitri@acme.dev"),
    ("emeka", "Emeka Obi", "emeka@acme.dev"),
];

/// Display name and e-mail of a seed login (the login itself when unknown).
fn person(login: &str) -> (&str, Option<&str>) {
    PEOPLE
        .iter()
        .find(|(known, _, _)| *known == login)
        .map_or((login, None), |(_, name, email)| (*name, Some(*email)))
}

#[cfg(test)]
#[path = "seed_tests.rs"]
mod tests;
