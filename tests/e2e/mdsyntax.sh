#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Markdown written for other tools, in whole projects written here from
# scratch (docs/markdown.md): VitePress, Zenn, Qiita and MkDocs pages
# with their callouts, code blocks, definition lists and emoji, built
# into the site and a PDF.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ ! -x "$TEBIKI" ]; then
	fail "mdsyntax: the tebiki binary" "no $TEBIKI (make build/tebiki)"
	exit 0
fi

# project DIR PAGES...: a project at DIR with a book of PAGES.
project() {
	local dir=$1
	shift
	rm -rf "$dir"
	mkdir -p "$dir/content/guide"
	{
		printf 'title: 試験\nlanguage: ja\npublications:\n'
		printf '  - id: book\n    kind: book\n    title: 本\n    chapters: ['
		local sep=
		local page
		for page in "$@"; do
			printf '%sguide/%s.md' "$sep" "$page"
			sep=', '
		done
		printf ']\n'
	} >"$dir/site.yaml"
}

# build NAME DIR: builds DIR into DIR/out; the diagnostics in $err.
build() {
	if err=$(tebiki build -C "$2" -o "$2/out" 2>&1); then
		ok "$1: build exits 0"
	else
		fail "$1: build exits 0" "$(printf '%s' "$err" | head -c 1500)"
	fi
}

# --- emoji ----------------------------------------------------------------
p=$TMPROOT/mds-emoji
project "$p" emoji
cat >"$p/content/guide/emoji.md" <<'MD'
# 絵文字

確認できたら :+1: を付ける。
知らない名前 :not_an_emoji_name: は書いたまま。
MD
build emoji "$p"
has "emoji: a shortcode is the character on the site" "$p/out/site/guide/emoji.html" "確認できたら 👍 を付ける"
has "emoji: an unknown one stays as written" "$p/out/site/guide/emoji.html" ":not_an_emoji_name:"
# In the PDF: drawn if a font has it, else a warning at its line.
if pdftotext "$p/out/pdf/book.pdf" - 2>/dev/null | grep -qF '👍' ||
	grep -qF 'content/guide/emoji.md:3:' <<<"$err"; then
	ok "emoji: in the PDF drawn, or a located warning"
else
	fail "emoji: in the PDF drawn, or a located warning" "$err"
fi

# --- what tebiki does not render: one located warning per kind and file --------
p=$TMPROOT/mds-unsupported
project "$p" hugo
cat >"$p/content/guide/hugo.md" <<'MD'
# 他のツールの書き方

{{< figure src="a.png" >}}
{{% notice tip %}}
中身
{{% /notice %}}

--8<-- "snippets/common.md"

@[youtube](abcdefg)

`{{< code span >}}` はコードなので数えない。

```
{{< in a code block >}}
```

<!-- {{< in a comment >}} -->
MD
build unsupported "$p"
n=$(grep -c 'is not rendered by tebiki' <<<"$err")
if [ "$n" = 3 ]; then
	ok "unsupported: one warning per kind of construct, none for code or comments"
else
	fail "unsupported: one warning per kind of construct, none for code or comments" "$n: $err"
fi
for want in \
	"content/guide/hugo.md:3:1: warning: Hugo shortcode '{{< figure src=\"a.png\" >}}' is not rendered by tebiki: shown as written (and 2 more in this file)" \
	"content/guide/hugo.md:8:1: warning: MkDocs snippet include '--8<-- \"snippets/common.md\"'" \
	"content/guide/hugo.md:10:1: warning: Zenn embed '@[youtube](abcdefg)'"; do
	if grep -qF -- "$want" <<<"$err"; then
		ok "unsupported: ${want%%:*} … ${want#*warning: }"
	else
		fail "unsupported: ${want%%:*} … ${want#*warning: }" "$err"
	fi
done
has "unsupported: the shortcode is shown as written" "$p/out/site/guide/hugo.html" "{{&lt; figure"
# A Lua filter that renders a construct (Pandoc's macro example) takes
# the warning away with it.
mkdir -p "$p/lua"
cat >"$p/lua/macro.lua" <<'LUA'
return {
  {
    Str = function (el)
      if el.text == "{{today}}" then return tebiki.Str("今日") end
    end,
  },
}
LUA
printf 'filters: [macro.lua]\n' >>"$p/site.yaml"
printf '# マクロ\n\n{{today}} の予定。\n' >"$p/content/guide/hugo.md"
build "unsupported: a filter" "$p"
if grep -q 'is not rendered' <<<"$err"; then
	fail "unsupported: no warning for what a Lua filter renders" "$err"
else
	ok "unsupported: no warning for what a Lua filter renders"
fi
has "unsupported: the filter rendered it" "$p/out/site/guide/hugo.html" "今日 の予定"
