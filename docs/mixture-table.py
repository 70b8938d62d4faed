"""Tables of a mixture set for docs/: python3 docs/mixture-table.py DIR, where DIR is the --out of lsgan mixture --seeds N
(run folders <loss>-seed<S>) or a folder of their logs as <loss>-seed<S>.jsonl (docs/mixture-*/logs).

Per finished run its last evaluation; per loss mean ± std and the runs that collapsed (modes near <= 1, the README's rule)
or kept every mode near; then, per evaluation step, the mean modes near and the collapsed count, to show when."""
import json, os, re, statistics as st, sys

root = sys.argv[1]
names = {'ls': 'LSGAN (0,1,1)', 'bce': 'GAN (BCE)'}
runs, planned = {}, {}
for entry in sorted(os.listdir(root)):
    m = re.fullmatch(r'(ls|bce)-seed(\d+)(\.jsonl)?', entry)
    if not m:
        continue
    log = f'{root}/{entry}' if m[3] else f'{root}/{entry}/mixture.jsonl'
    if os.path.exists(log):
        runs[(m[1], int(m[2]))] = [json.loads(l) for l in open(log) if l.strip()]
        config = f'{root}/{entry}/config.json'
        planned[(m[1], int(m[2]))] = json.load(open(config))['steps'] if not m[3] and os.path.exists(config) else None
last_step = max(lines[-1]['step'] for lines in runs.values())
# Finished runs only: at their last step (a folder of logs: the set's last), or ended on a non-finite loss.
runs = {key: lines for key, lines in runs.items()
        if lines[-1]['step'] == (planned[key] or last_step) or lines[-1]['d_loss'] != lines[-1]['d_loss']}


def pm(values, fmt):
    return (fmt.format(st.mean(values)) + (' ± ' + fmt.format(st.stdev(values)) if len(values) > 1 else ''))


print('| loss | seed | step | modes within 3σ | high-quality share | modes near | near share | KL from uniform (nats) |')
print('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (loss, seed), lines in sorted(runs.items(), key=lambda kv: (kv[0][0] != 'ls', kv[0][1])):
    r = lines[-1]
    print(f"| {names[loss]} | {seed} | {r['step']:,} | {r['modes_covered']}/{r['mode_count']} | {r['high_quality_fraction']:.1%} | "
          f"{r['modes_near']} | {r['near_fraction']:.0%} | {r['kl_from_uniform']:.3f} |")
print()
print('| loss | runs | modes within 3σ | high-quality share | modes near | KL from uniform | collapsed (≤ 1 mode near) | every mode near |')
print('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for loss in ['ls', 'bce']:
    last = [lines[-1] for (l, _), lines in runs.items() if l == loss]
    if not last:
        continue
    k = last[0]['mode_count']
    print(f"| {names[loss]} | {len(last)} | {pm([r['modes_covered'] for r in last], '{:.1f}')} | "
          f"{pm([100 * r['high_quality_fraction'] for r in last], '{:.1f}')} % | {pm([r['modes_near'] for r in last], '{:.1f}')} | "
          f"{pm([r['kl_from_uniform'] for r in last], '{:.3f}')} | {sum(r['modes_near'] <= 1 for r in last)} of {len(last)} | "
          f"{sum(r['modes_near'] == k for r in last)} of {len(last)} |")
print()
steps = sorted({r['step'] for lines in runs.values() for r in lines})
print('| loss | ' + ' | '.join(f'step {s:,}' for s in steps) + ' |')
print('| --- | ' + ' | '.join('---:' for _ in steps) + ' |')
for loss in ['ls', 'bce']:
    cells = []
    for s in steps:
        at = [r for (l, _), lines in runs.items() if l == loss for r in lines if r['step'] == s]
        cells.append(f"{st.mean(r['modes_near'] for r in at):.1f} near, {sum(r['modes_near'] <= 1 for r in at)} collapsed" if at else '—')
    print(f'| {names[loss]} | ' + ' | '.join(cells) + ' |')
