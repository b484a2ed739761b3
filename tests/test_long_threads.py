"""A very long thread costs time linear in its length: scoring, the report and its plot."""

import time

import numpy as np

import linkedins_law as ll


def long_thread(n):
    texts = [("Would you like a demo of our CRM?" if i % 3 == 0 else "Thanks, talk soon.") + f" ({i})"
             for i in range(n)]
    return ll.Thread.from_texts(texts, speakers=["ana", "sam"] * (n // 2), thread_id="long")


def test_trajectory_plot_of_a_long_thread_has_bounded_ticks(fake_detector):
    traj = fake_detector.trajectory(long_thread(3000))
    ax = ll.plot_trajectory(traj)
    assert len(ax.get_xticks()) <= 60
    assert ax.get_xlim()[1] == traj.n_turns - 0.5


def test_long_threads_scale_linearly(fake_detector):
    def cost(n):
        thread = long_thread(n)
        started = time.perf_counter()
        traj = fake_detector.trajectory(thread)
        ax = ll.plot_trajectory(traj)
        ax.figure.savefig(__import__("io").BytesIO(), dpi=60)
        __import__("matplotlib.pyplot").pyplot.close(ax.figure)
        return time.perf_counter() - started

    cost(200)  # warm up imports and caches
    small, large = np.median([cost(1000) for _ in range(2)]), np.median([cost(4000) for _ in range(2)])
    assert large < 8 * small + 1.0  # 4x the turns: well under the 16x a quadratic cost would take
