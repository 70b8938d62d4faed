import json, os, statistics as st, sys
root = sys.argv[1] if len(sys.argv) > 1 else '/tmp/stacked-runs'   # the folder of <loss>-seed<S> runs
rows = []; floor = None
for loss in ['ls', 'bce']:
    for seed in [0, 1, 2]:
        d = f'{root}/{loss}-seed{seed}'
        p = f'{d}/evaluation.json'
        if not os.path.exists(p):
            rows.append((loss, seed, None)); continue
        e = json.load(open(p)); floor = e['real_floor']
        rows.append((loss, seed, e))
print('| loss | seed | step | modes covered (of 1,000) | KL from uniform (nats) |')
print('| --- | --- | --- | --- | --- |')
for loss, seed, e in rows:
    if e is None: print(f'| {loss} | {seed} | — | not evaluated | |'); continue
    print(f"| {'LSGAN (ls)' if loss=='ls' else 'GAN (bce)'} | {seed} | {e['step']} | {e['stacked_modes_covered']} | {e['stacked_kl']:.3f} |")
for loss in ['ls', 'bce']:
    es = [e for l, s, e in rows if l == loss and e]
    if len(es) >= 2:
        m = [e['stacked_modes_covered'] for e in es]; k = [e['stacked_kl'] for e in es]
        print(f"| {'LSGAN (ls)' if loss=='ls' else 'GAN (bce)'} | mean ± std over {len(es)} | | {st.mean(m):.0f} ± {st.stdev(m):.0f} | {st.mean(k):.3f} ± {st.stdev(k):.3f} |")
if floor:
    r = floor['report']; a = floor['channel_accuracy']
    print(f"| real floor (26,000 stacks of MNIST test digits) | | | {r['modes_covered']} | {r['kl']:.3f} |")
    print()
    print(f"Classifier accuracy on those real stacks: R {a[0]:.4f}, G {a[1]:.4f}, B {a[2]:.4f}; whole triple {floor['triple_accuracy']:.4f}.")
