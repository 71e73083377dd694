#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The site search: the sharded index tebiki writes (search/), read by
# the theme's js/search.js in Node.js (searchcheck.js): the two cut text
# into the same terms at the same positions, ranking, audiences, and
# hostile text that stays data.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

here=$(cd "$(dirname "$0")" && pwd)
sc() { node "$here/searchcheck.js" "$@"; }
# first URL of a query's results
first() { sc query "$@" | head -n 1 | cut -f 1; }

out=$TMPROOT/search
tebiki build -C "$ROOT" -o "$out" >/dev/null 2>&1 || { fail "search: example builds" "tebiki build failed"; exit 0; }
site=$out/site
if [ ! -f "$site/search/meta.js" ]; then
	fail "search: index written" "no search/meta.js"
	exit 0
fi
ok "search: index written"
[ ! -e "$site/search-index.js" ] && ok "search: no whole-text index any more" ||
	fail "search: no whole-text index any more" "search-index.js written"

pages=$(find "$ROOT/content" -name '*.md' ! -name '_index.md' -path '*/*/*' | wc -l)
n=$(find "$site/search/p" -name '*.js' | wc -l)
[ "$n" -eq "$pages" ] && ok "search: a page-table entry per content page ($pages)" ||
	fail "search: a page-table entry per content page ($pages)" "$n entries"

check "search: tebiki and js/search.js cut the example into the same terms" sc agree "$site"

got=$(first "$site" 巧妙な文面)
[ "$got" = lessons/phishing.html ] && ok "search: the phishing lesson found by its seed text" ||
	fail "search: the phishing lesson found by its seed text" "first result: $got"

# --- ranking, folding, audiences: a project written for it -----------------
p=$TMPROOT/search-rank
mkdir -p "$p/content/a" "$p/content/b"
printf 'title: rank\n' >"$p/site.yaml"
cat >"$p/content/profiles.yaml" <<'EOF'
size:
  - {id: micro, label: 従業員20名以下}
  - {id: small, label: 従業員21〜50名}
industry:
  - {id: retail, label: 小売業}
  - {id: medical, label: 医療・福祉}
EOF
filler=$(printf '事務所の戸締まりを確認します。%.0s' $(seq 1 30))
printf -- '---\ntitle: 鍵の管理について\n---\n\n本文には書きません。\n' >"$p/content/a/title.md"
printf -- '---\ntitle: 見出し\n---\n\n前置き。\n\n## 鍵の管理\n\n本文。\n' >"$p/content/a/heading.md"
printf -- '---\ntitle: 短い本文\n---\n\n合鍵の管理が大切です。\n' >"$p/content/a/short.md"
printf -- '---\ntitle: 長い本文\n---\n\n%s合鍵の管理が大切です。\n' "$filler" >"$p/content/a/long.md"
printf -- '---\ntitle: ばらばら\n---\n\n書類の管理。\n\n戸棚の鍵のありか。\n' >"$p/content/a/scattered.md"
printf -- '---\ntitle: カタカナ\n---\n\nパスワードの管理と、ﾊﾞｯｸｱｯﾌﾟ。ＵＳＢメモリとWi-Fi。\n' >"$p/content/b/kana.md"
cat >"$p/content/b/audience.md" <<'EOF'
---
title: 業種ごとの注意
---

共通の注意です。

::: only industry=retail
レジ締めの手順を決めます。
:::

::: only industry=medical size=micro
カルテ庫の施錠を確かめます。
:::
EOF
printf -- '---\ntitle: 医療向け\nindustries: [medical]\n---\n\n診療録の保管。\n' >"$p/content/b/medical.md"
if ! tebiki build -C "$p" -o "$p/out" >"$p/log" 2>&1; then
	fail "search: the ranking project builds" "$(head -c 1000 "$p/log")"
	exit 0
fi
rs=$p/out/site
check "search: tebiki and js/search.js agree on the ranking project" sc agree "$rs"
order=$(sc query "$rs" 鍵の管理 | cut -f 1 | tr '\n' ' ')
want="a/title.html a/heading.html a/short.html a/long.html a/scattered.html "
[ "$order" = "$want" ] &&
	ok "search: title, heading, text; the phrase above scattered bigrams; shorter first" ||
	fail "search: title, heading, text; the phrase above scattered bigrams; shorter first" "$order"

for q in 'パスワード管理' 'ぱすわーど' 'バックアップ' 'usb' 'wi fi' 'WI-FI'; do
	got=$(first "$rs" "$q")
	[ "$got" = b/kana.html ] && ok "search: '$q' finds パスワードの管理, ﾊﾞｯｸｱｯﾌﾟ, ＵＳＢ, Wi-Fi" ||
		fail "search: '$q' finds パスワードの管理, ﾊﾞｯｸｱｯﾌﾟ, ＵＳＢ, Wi-Fi" "first result: '$got'"
done
got=$(sc query "$rs" 鍵 | wc -l)
[ "$got" -ge 4 ] && ok "search: one kanji is a query" || fail "search: one kanji is a query" "$got results"

line=$(sc query "$rs" レジ締め)
case $line in
b/audience.html$'\t'小売業$'\t'*) ok "search: without a choice a tailored passage matches, named" ;;
*) fail "search: without a choice a tailored passage matches, named" "$line" ;;
esac
got=$(sc query "$rs" レジ締め industry=medical)
[ -z "$got" ] && ok "search: a passage for retail does not match for 医療・福祉" ||
	fail "search: a passage for retail does not match for 医療・福祉" "$got"
got=$(first "$rs" レジ締め industry=retail size=small)
[ "$got" = b/audience.html ] && ok "search: it matches for 小売業" || fail "search: it matches for 小売業" "$got"
got=$(sc query "$rs" カルテ庫 industry=medical size=small)
[ -z "$got" ] && ok "search: nested conditions: medical and micro, not small" ||
	fail "search: nested conditions: medical and micro, not small" "$got"
line=$(sc query "$rs" カルテ庫)
case $line in
*$'\t'医療・福祉（従業員20名以下）$'\t'*) ok "search: the audience named: 医療・福祉（従業員20名以下）" ;;
*) fail "search: the audience named: 医療・福祉（従業員20名以下）" "$line" ;;
esac
got=$(sc query "$rs" 診療録 industry=retail)
[ -z "$got" ] && ok "search: a page for medical (front matter) does not match for retail" ||
	fail "search: a page for medical (front matter) does not match for retail" "$got"
got=$(sc query "$rs" 共通 industry=retail)
[ "$got" != "" ] && ok "search: text for everyone matches whatever the choice" ||
	fail "search: text for everyone matches whatever the choice" "no result"

# --- hostile text: stays a string, and both sides still agree ---------------
h=$TMPROOT/search-hostile
mkdir -p "$h/content/s"
printf 'title: x\n' >"$h/site.yaml"
{
	printf -- '---\ntitle: "</script><script>alert(1)</script>"\n---\n\n'
	printf 'line\xe2\x80\xa8sep "quote" \\\\ </script> ㈱ ﬁle ｶﾞｷﾞ ｱｲｳ 𠮷野家 한국어 Ǆ İstanbul ß\n\n'
	printf 'e\xcc\x81\xcc\x81\xcc\x81 ア\xe3\x82\x99 %s\n\n' "$(printf 'x%.0s' $(seq 1 60))"
	printf '```\ncode\twith\ttabs\n```\n\n- ・中黒・ー〜ゝゞ々〆\n'
} >"$h/content/s/a.md"
tebiki build -C "$h" -o "$h/out" >/dev/null 2>&1
check "search: hostile text: tebiki and js/search.js agree" sc agree "$h/out/site"
if grep -rq '</script' "$h/out/site/search"; then
	fail "search: no </script in the index files" "found"
else
	ok "search: no </script in the index files"
fi
check "search: the hostile title is data" node -e '
	global.tebikiSearch = { page: (n, p) => { global.P = p; } };
	require(process.argv[1]);
	if (!P.t.includes("</script>") || !P.x.includes("\"quote\"") || !P.x.includes("\u2028")) process.exit(1);
' "$h/out/site/search/p/0.js"
