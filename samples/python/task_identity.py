"""A task is an object of its own: two deliveries that end at once with the same result are still two tasks.
Compare with notebook 06, section 1, where two C# calls can return the very same cached, completed Task<double>.

    python3 samples/python/task_identity.py --mealtimes 0,0,1 --scale 1

With these mealtimes A and B eat for 0 hours. create_task still wraps each coroutine in a new Task, so a dict from task
to name has an entry per customer. as_completed (3.11) hands back new awaitables, none of them one of the tasks, so the
name has to come back with the result.
Sections: identity, as_completed. Events: caller "counted" (identity) and "handled" (as_completed).
Results: same_task (whether A's and B's tasks are one object), names_by_task (each task's name, read back from a dict
from task to name, in argument order), yields_your_tasks (whether as_completed handed back any of the tasks
themselves), completion_order (names, carried with each result).
"""
import asyncio

from deliveries import Story

story = Story(__file__, __doc__)


async def named_delivery(name, mealtime):
    return name, await story.delivery(name, mealtime)


async def identity():
    story.section("identity", "create_task: a new Task for every delivery, whatever it returns")
    tasks = [asyncio.create_task(story.delivery(name, mealtime)) for name, mealtime in story.customers]
    name_of = {task: name for task, (name, _) in zip(tasks, story.customers)}
    same = len(tasks) > 1 and tasks[0] is tasks[1]
    await asyncio.gather(*tasks)
    story.say(f"A's and B's tasks are {'one object' if same else 'two objects'}; "
              f"a dict from task to name holds {len(name_of)} entries", "caller", "counted")
    story.results.update(same_task=same, names_by_task=[name_of[task] for task in tasks])


async def in_completion_order():
    story.section("as_completed", "as_completed: each result as it comes, the name carried with it")
    tasks = [asyncio.create_task(named_delivery(name, mealtime)) for name, mealtime in story.customers]
    order, yields_tasks = [], False
    for next_done in asyncio.as_completed(tasks):
        yields_tasks = yields_tasks or any(next_done is task for task in tasks)
        name, mealtime = await next_done
        order.append(name)
        story.say(f"{name}'s dishes are back ({mealtime:g} h)", "caller", "handled")
    story.results.update(yields_your_tasks=yields_tasks, completion_order=order)


async def main():
    await identity()
    await in_completion_order()


asyncio.run(main())
story.finish()
