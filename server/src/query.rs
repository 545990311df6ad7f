//! Dynamic filters: one place that numbers the `$n` placeholders, so a
//! filtered list never pastes values into SQL or counts by hand.

pub(crate) enum Param {
    Int(i64),
    Text(String),
}

/// A `WHERE` clause grown one condition at a time.
pub(crate) struct Filter {
    sql: String,
    params: Vec<Param>,
}

impl Filter {
    /// Starts with `column = $1`.
    pub(crate) fn new(column: &'static str, value: Param) -> Filter {
        Filter {
            sql: format!(" WHERE {column} = $1"),
            params: vec![value],
        }
    }

    /// Adds `AND column = $n`.
    pub(crate) fn and_eq(&mut self, column: &'static str, value: Param) -> &mut Self {
        self.and_op(column, "=", value)
    }

    /// Adds `AND column op $n` (`>=`, `<`, …).
    pub(crate) fn and_op(
        &mut self,
        column: &'static str,
        op: &'static str,
        value: Param,
    ) -> &mut Self {
        self.params.push(value);
        self.sql
            .push_str(&format!(" AND {column} {op} ${}", self.params.len()));
        self
    }

    /// Adds `AND (a LIKE $n ESCAPE '\\' OR b LIKE $m ESCAPE '\\' …)`: one
    /// pattern per expression, each already escaped with [`like_pattern`].
    pub(crate) fn and_like_any(&mut self, alternatives: Vec<(&'static str, String)>) -> &mut Self {
        let mut ors = Vec::with_capacity(alternatives.len());
        for (expression, pattern) in alternatives {
            self.params.push(Param::Text(pattern));
            ors.push(format!(
                "{expression} LIKE ${} ESCAPE '\\'",
                self.params.len()
            ));
        }
        self.sql.push_str(&format!(" AND ({})", ors.join(" OR ")));
        self
    }

    pub(crate) fn sql(&self) -> &str {
        &self.sql
    }

    pub(crate) fn bind<'q, O>(
        &'q self,
        mut query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
        for p in &self.params {
            query = match p {
                Param::Int(v) => query.bind(*v),
                Param::Text(v) => query.bind(v.as_str()),
            };
        }
        query
    }
}

/// `%text%` for a LIKE, with the wildcards in `text` taken literally.
pub(crate) fn like_pattern(text: &str) -> String {
    format!(
        "%{}%",
        text.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order() {
        let mut f = Filter::new("t.workspace_id", Param::Int(1));
        f.and_eq("t.assignee_id", Param::Int(2))
            .and_eq("t.state", Param::Text("draft".into()));
        assert_eq!(
            f.sql(),
            " WHERE t.workspace_id = $1 AND t.assignee_id = $2 AND t.state = $3"
        );
    }

    #[test]
    fn like_alternatives_share_one_group() {
        let mut f = Filter::new("t.workspace_id", Param::Int(1));
        f.and_like_any(vec![("a", like_pattern("9_%")), ("b", like_pattern("x"))]);
        assert_eq!(
            f.sql(),
            " WHERE t.workspace_id = $1 AND (a LIKE $2 ESCAPE '\\' OR b LIKE $3 ESCAPE '\\')"
        );
        assert!(matches!(&f.params[1], Param::Text(p) if p == "%9\\_\\%%"));
    }
}
